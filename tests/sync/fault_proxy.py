#!/usr/bin/env python3
"""Fault-injecting HTTP proxy for the sync tests (loopback only, bounded, stops with its parent).

Usage: fault_proxy.py UPSTREAM_PORT CONTROL_FILE STATS_FILE

Forwards each request (the agent sends Connection: close) to 127.0.0.1:UPSTREAM_PORT. While
CONTROL_FILE exists, every second request gets a fault instead, cycling through all kinds so each
one is exercised: 500; 503 with Retry-After; connection dropped before forwarding; dropped after
forwarding (central applied it, the agent never hears); stalled past the agent's timeout;
response truncated mid-body; 200 with invalid JSON. Each injected fault is appended to STATS_FILE.
Prints "listening on http://127.0.0.1:PORT" once it accepts connections.
"""
import asyncio
import os
import sys

import proxy_common


FAULTS = ["http_500", "http_503", "drop_before", "drop_after", "stall", "truncate", "bad_json"]
STALL_SECONDS = 3  # longer than the agent's request timeout in the tests


class Proxy:
    def __init__(self, upstream_port, control_file, stats_file):
        self.upstream_port = upstream_port
        self.control_file = control_file
        self.stats_file = stats_file
        self.count = 0

    async def read_request(self, reader):
        return await proxy_common.read_request(reader)

    async def forward(self, raw):
        return await proxy_common.forward(self.upstream_port, raw)

    def record(self, fault):
        with open(self.stats_file, "a") as f:
            f.write(fault + "\n")

    async def handle(self, reader, writer):
        try:
            raw = await self.read_request(reader)
            self.count += 1
            fault = None
            if os.path.exists(self.control_file) and self.count % 2 == 0:
                fault = FAULTS[(self.count // 2) % len(FAULTS)]
                self.record(fault)
            if fault == "http_500":
                writer.write(b"HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            elif fault == "http_503":
                writer.write(b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Length: 0\r\n"
                             b"Connection: close\r\n\r\n")
            elif fault == "drop_before":
                pass
            elif fault == "stall":
                await asyncio.sleep(STALL_SECONDS)
            elif fault == "bad_json":
                body = b"{\"results\": [this is not json"
                writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                             + str(len(body)).encode() + b"\r\nConnection: close\r\n\r\n" + body)
            else:
                response = await self.forward(raw)
                if fault == "drop_after":
                    response = b""
                elif fault == "truncate":
                    response = response[: max(1, len(response) - 7)]
                writer.write(response)
            await writer.drain()
        except (asyncio.TimeoutError, asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()


async def main():
    proxy = Proxy(int(sys.argv[1]), sys.argv[2], sys.argv[3])
    await proxy_common.serve(proxy.handle)


if __name__ == "__main__":
    asyncio.run(main())
