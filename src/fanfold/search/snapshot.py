"""The filter index as one immutable file that every process of a node maps into memory.

The file is a magic line, the length of a JSON header, the header (what the file holds,
when its data was read from the database, a stamp), then the index's base arrays, each at a
64-byte boundary. Loading maps the file and wraps each array in place, so N processes
share one copy in the page cache instead of building N. The mapping is copy-on-write: the
few id -> number arrays a process updates in place get private pages, the rest stays shared.
Each process then keeps what changed since in its own small overlay (index.Column.added,
the delta postings). A new file is written beside the old one and renamed over it, so a
reader sees the old file or the new one, never half of one.

This module knows how an index is stored; which arrays an index has is index.py's and
textsearch.py's business (and the snapshot must list them all: the round-trip test fails
on one left out).
"""

import datetime
import json
import mmap
import os
import uuid
from array import array
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from pyroaring import BitMap

from fanfold.search.index import (
    HIDDEN,
    NUMERIC,
    PUBLIC,
    RESTRICTED,
    STATUS_OF_DEAD,
    Column,
    FilterIndex,
    TextColumn,
)
from fanfold.search.textindex import PackedStrings, PostingsCache, TextPostings, bitmap_of

MAGIC = b"FANFOLD-INDEX 1\n"
ALIGN = 64
CSR_ARRAYS = ("tag_offsets", "tag_values", "tag_lengths", "posting_docs", "posting_offsets")
# Arrays a process writes in place (a new work's id, a new tag): their pages become private.
WRITABLE = ("tag_dense", "doc_of_work", "entry_of_tag")


@dataclass
class Snapshot:
    index: FilterIndex
    as_of: datetime.datetime  # read from the database after this moment
    stamp: str  # unique per file written


# --- writing -----------------------------------------------------------------------------


def write_snapshot(index: FilterIndex, path: Path, as_of: datetime.datetime) -> str:
    """Writes a freshly built index to `path` atomically; returns the new file's stamp."""
    if index.columns["work_id"].size != index.base_docs or index.text.tags.delta:
        raise ValueError("only a freshly built index (no changes since its build) is written")
    arrays = {**_index_arrays(index), **_text_arrays(index)}
    stamp = f"{as_of:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"
    specs: dict[str, dict] = {}
    offset = 0
    for name, values in arrays.items():
        values = np.ascontiguousarray(values)
        arrays[name] = values
        specs[name] = {"dtype": values.dtype.str, "shape": values.shape, "offset": offset}
        offset = _aligned(offset + values.nbytes)
    header = json.dumps(
        {"stamp": stamp, "as_of": as_of.isoformat(), "meta": _meta(index), "arrays": specs}
    ).encode()
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex[:6]}.tmp")
    try:
        with open(temporary, "wb") as file:
            file.write(MAGIC + len(header).to_bytes(8, "little") + header)
            start = _aligned(file.tell())
            for name, values in arrays.items():
                file.seek(start + specs[name]["offset"])
                file.write(values.view(np.uint8).data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)  # atomic: readers see the old file or the new one
    finally:
        temporary.unlink(missing_ok=True)
    return stamp


def _aligned(offset: int) -> int:
    return -(-offset // ALIGN) * ALIGN


def _meta(index: FilterIndex) -> dict:
    text = index.text
    return {
        "languages": index.languages,
        "base_docs": index.base_docs,
        "documents": _postings_meta(text.documents),
        "tags": _postings_meta(text.tags),
    }


def _postings_meta(postings: TextPostings) -> dict:
    return {"base_items": postings.base_items, "average_length": postings.average_length.tolist()}


def _index_arrays(index: FilterIndex) -> dict[str, np.ndarray]:
    status = np.full(index.base_docs, STATUS_OF_DEAD, dtype=np.uint8)
    for code, docs in index.by_status.items():
        status[np.asarray(docs.to_array(), dtype=np.int64)] = code
    arrays = {
        "tag_dense": index.tag_dense.numbers,
        "tag_ids": index.tag_ids.values(),
        "tag_type_codes": index.tag_type_codes.values(),
        "doc_of_work": index.doc_of_work.numbers,
        "status": status,
        "base_tag_counts": index.base_tag_counts,
        **{name: getattr(index, name) for name in CSR_ARRAYS},
        **{f"column.{name}": column.values() for name, column in index.columns.items()},
    }
    for name in ("titles", "creators"):
        packed = getattr(index, name).base
        arrays[f"{name}.blob"], arrays[f"{name}.offsets"] = packed.blob, packed.offsets
    return arrays


def _text_arrays(index: FilterIndex) -> dict[str, np.ndarray]:
    text = index.text
    vocabulary = text.vocabulary
    words = vocabulary.sorted_words
    packed = words if isinstance(words, PackedStrings) else PackedStrings.of(words)
    arrays = {
        "vocabulary.blob": packed.blob,
        "vocabulary.offsets": packed.offsets,
        "vocabulary.ids": vocabulary.sorted_ids,
        "entry_tag": np.frombuffer(text.entry_tag, dtype=np.int64),
        "entry_filter_tag": np.frombuffer(text.entry_filter_tag, dtype=np.int64),
        "entry_type": np.frombuffer(text.entry_type, dtype=np.int8),
        "entry_of_tag": text.entry_of_tag.numbers,
        "dead_entries": np.frombuffer(text.dead_entries.serialize(), dtype=np.uint8),
    }
    for name in ("documents", "tags"):
        postings: TextPostings = getattr(text, name)
        for field in range(postings.fields):
            arrays[f"{name}.forward_offsets.{field}"] = postings.forward_offsets[field]
            arrays[f"{name}.forward_ids.{field}"] = postings.forward_ids[field]
        for part in ("term_offsets", "post_items", "post_fields", "post_impact"):
            arrays[f"{name}.{part}"] = getattr(postings, part)
    return arrays


# --- reading -----------------------------------------------------------------------------


def file_identity(path: Path) -> tuple[int, int] | None:
    """What tells one snapshot file from the next (a rename gives a new inode)."""
    try:
        found = os.stat(path)
    except FileNotFoundError:
        return None
    return found.st_ino, found.st_mtime_ns


def read_header(path: Path) -> dict:
    with open(path, "rb") as file:
        if file.read(len(MAGIC)) != MAGIC:
            raise ValueError(f"{path} is not a filter index snapshot")
        length = int.from_bytes(file.read(8), "little")
        return json.loads(file.read(length))


def load_snapshot(path: Path) -> Snapshot:
    """Maps the file and puts an index together around its arrays, copying none of them."""
    header = read_header(path)
    with open(path, "rb") as file:
        # No madvise(MADV_WILLNEED): Linux reads ahead one readahead window a call (8 MiB of a
        # 193 MiB file), and one call per window put ~200 ms on the first listing (decisions.md).
        mapped = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_COPY)
    start = _data_start(mapped)
    arrays = {
        name: _mapped_array(mapped, start, name, spec) for name, spec in header["arrays"].items()
    }
    meta = header["meta"]
    index = FilterIndex([], {})
    _restore_index(index, arrays, meta)
    _restore_text(index, arrays, meta)
    as_of = datetime.datetime.fromisoformat(header["as_of"])
    return Snapshot(index=index, as_of=as_of, stamp=header["stamp"])


def _data_start(mapped: mmap.mmap) -> int:
    length = int.from_bytes(mapped[len(MAGIC) : len(MAGIC) + 8], "little")
    return _aligned(len(MAGIC) + 8 + length)


def _mapped_array(mapped: mmap.mmap, start: int, name: str, spec: dict) -> np.ndarray:
    dtype, shape = np.dtype(spec["dtype"]), tuple(spec["shape"])
    count = int(np.prod(shape)) if shape else 1
    values = np.frombuffer(mapped, dtype=dtype, count=count, offset=start + spec["offset"])
    values = values.reshape(shape)
    values.flags.writeable = name in WRITABLE  # shared pages stay shared
    return values


def _restore_index(index: FilterIndex, arrays: dict[str, np.ndarray], meta: dict) -> None:
    index.languages = meta["languages"]
    index.base_docs = meta["base_docs"]
    index.tag_dense.numbers = arrays["tag_dense"]
    index.tag_ids = Column(np.int64, arrays["tag_ids"])
    index.tag_type_codes = Column(np.int8, arrays["tag_type_codes"])
    index.columns = {
        name: Column(dtype, arrays[f"column.{name}"]) for name, dtype in NUMERIC.items()
    }
    for name in ("titles", "creators"):
        packed = PackedStrings(arrays[f"{name}.blob"], arrays[f"{name}.offsets"])
        setattr(index, name, TextColumn(packed))
    index.doc_of_work.numbers = arrays["doc_of_work"]
    status = arrays["status"]
    index.by_status = {
        code: bitmap_of(np.flatnonzero(status == code)) for code in (PUBLIC, RESTRICTED, HIDDEN)
    }
    index.alive = BitMap.union(*index.by_status.values())
    for name in CSR_ARRAYS:
        setattr(index, name, arrays[name])
    index.base_tag_counts = arrays["base_tag_counts"]
    index.start_overlay()


def _restore_text(index: FilterIndex, arrays: dict[str, np.ndarray], meta: dict) -> None:
    text = index.text
    words = PackedStrings(arrays["vocabulary.blob"], arrays["vocabulary.offsets"])
    text.vocabulary.map_frozen(words, arrays["vocabulary.ids"])
    # Tag entries are appended to in place (a renamed tag): small, so copied per process.
    text.entry_tag = array("q", arrays["entry_tag"].tobytes())
    text.entry_filter_tag = array("q", arrays["entry_filter_tag"].tobytes())
    text.entry_type = array("b", arrays["entry_type"].tobytes())
    text.entry_of_tag.numbers = arrays["entry_of_tag"]
    text.dead_entries = BitMap.deserialize(arrays["dead_entries"].tobytes())
    for name in ("documents", "tags"):
        postings: TextPostings = getattr(text, name)
        fields = range(postings.fields)
        postings.forward_offsets = [arrays[f"{name}.forward_offsets.{f}"] for f in fields]
        postings.forward_ids = [arrays[f"{name}.forward_ids.{f}"] for f in fields]
        for part in ("term_offsets", "post_items", "post_fields", "post_impact"):
            setattr(postings, part, arrays[f"{name}.{part}"])
        postings.base_items = meta[name]["base_items"]
        postings.average_length = np.array(meta[name]["average_length"])
        postings.bitmaps = PostingsCache(postings.term_offsets, postings.post_items)
