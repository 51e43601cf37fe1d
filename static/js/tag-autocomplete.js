// Progressive enhancement for comma-separated tag fields: suggests completions of the
// last tag being typed through a <datalist>. The form works the same without it.
(function () {
  "use strict";

  function lastTerm(value) {
    const parts = value.split(",");
    return { head: parts.slice(0, -1).join(","), term: parts[parts.length - 1].trim() };
  }

  function attach(input) {
    const list = document.createElement("datalist");
    list.id = input.id + "-suggestions";
    input.after(list);
    input.setAttribute("list", list.id);
    let pending = null;
    let typedHead = "";
    input.addEventListener("input", function (event) {
      // Options hold only tag names; choosing one replaces the whole value, so the tags typed
      // before the last comma are put back in front of it.
      if (event.inputType === "insertReplacementText") {
        input.value = (typedHead ? typedHead + ", " : "") + input.value.trim();
        list.replaceChildren();
        return;
      }
      const { head, term } = lastTerm(input.value);
      typedHead = head.trim();
      clearTimeout(pending);
      if (term.length < 2) { list.replaceChildren(); return; }
      pending = setTimeout(function () {
        const fandoms = document.getElementById("id_fandoms");
        const query = new URLSearchParams({
          term: term, type: input.dataset.tagType, fandoms: fandoms ? fandoms.value : "",
        });
        fetch(input.dataset.autocomplete + "?" + query, { headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : { tags: [] }; })
          .then(function (data) {
            list.replaceChildren(...data.tags.map(function (name) {
              const option = document.createElement("option");
              option.value = name;
              return option;
            }));
          });
      }, 150);
    });
  }

  document.querySelectorAll("input[data-autocomplete]").forEach(attach);
})();
