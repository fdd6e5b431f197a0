#!/usr/bin/env python3
"""Rewriting HTTP proxy for the sync tests (loopback only, bounded, stops with its parent).

Usage: rewrite_proxy.py UPSTREAM_PORT APPOINTMENT_ID

Forwards each request (the agent sends Connection: close) to 127.0.0.1:UPSTREAM_PORT. In every
pull answer, the appointment APPOINTMENT_ID gets a starts_at that does not parse: a central that
serves one malformed record, to show the agent sets that one aside and applies the rest.
Prints "listening on http://127.0.0.1:PORT" once it accepts connections.
"""
import asyncio
import json
import sys

import proxy_common


class Proxy:
    def __init__(self, upstream_port, appointment_id):
        self.upstream_port = upstream_port
        self.appointment_id = appointment_id

    async def read_request(self, reader):
        return await proxy_common.read_request(reader)

    async def forward(self, raw):
        return await proxy_common.forward(self.upstream_port, raw)

    def rewrite(self, response):
        head, _, body = response.partition(b"\r\n\r\n")
        if not head.startswith(b"HTTP/1.1 200"):
            return response
        page = json.loads(body)
        for change in page.get("changes", []):
            data = change.get("data")
            if change.get("entity") == "appointment" and isinstance(data, dict) \
                    and change.get("id") == self.appointment_id:
                data["starts_at"] = "yesterday at nine"
        body = json.dumps(page).encode()
        lines = [l for l in head.split(b"\r\n") if not l.lower().startswith(b"content-length:")]
        return b"\r\n".join(lines) + b"\r\nContent-Length: " + str(len(body)).encode() \
            + b"\r\n\r\n" + body

    async def handle(self, reader, writer):
        try:
            raw = await self.read_request(reader)
            response = await self.forward(raw)
            if raw.startswith(b"GET /api/v1/sync/pull"):
                response = self.rewrite(response)
            writer.write(response)
            await writer.drain()
        except (asyncio.TimeoutError, asyncio.IncompleteReadError, ConnectionError, ValueError):
            pass
        finally:
            writer.close()


async def main():
    proxy = Proxy(int(sys.argv[1]), sys.argv[2])
    await proxy_common.serve(proxy.handle)


if __name__ == "__main__":
    asyncio.run(main())
