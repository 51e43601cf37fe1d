"""Says whether the PostgreSQL and Redis used by the second test run are reachable."""

import sys

import psycopg
import redis


def main(database_url: str, redis_url: str) -> int:
    problems = []
    try:
        # The test database is created by pytest-django; the maintenance database must answer.
        maintenance_url = database_url.rsplit("/", 1)[0] + "/postgres"
        psycopg.connect(maintenance_url, connect_timeout=3).close()
    except psycopg.Error as error:
        problems.append(f"PostgreSQL at {database_url} is unreachable: {error}")
    try:
        redis.Redis.from_url(redis_url, socket_connect_timeout=3).ping()
    except redis.RedisError as error:
        problems.append(f"Redis at {redis_url} is unreachable: {error}")
    for problem in problems:
        print(problem, file=sys.stderr)  # noqa: T201 - a script reporting to its caller
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
