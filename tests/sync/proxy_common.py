"""What the test proxies (fault_proxy.py, rewrite_proxy.py) share: reading one request (the agent
sends Connection: close), forwarding it to central on loopback, and serving until the parent test
goes away. Loopback only; every wait is bounded."""
import asyncio
import os


async def read_request(reader):
    head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 10)
    length = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":", 1)[1])
    body = await asyncio.wait_for(reader.readexactly(length), 10) if length else b""
    return head + body


async def forward(upstream_port, raw):
    reader, writer = await asyncio.open_connection("127.0.0.1", upstream_port)
    writer.write(raw)
    await writer.drain()
    response = await asyncio.wait_for(reader.read(), 70)  # long-polls wait on central
    writer.close()
    return response


async def serve(handle):
    """Prints "listening on http://127.0.0.1:PORT", then serves until the parent process ends."""
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    print(f"listening on http://127.0.0.1:{port}", flush=True)
    parent = os.getppid()
    async with server:
        while os.getppid() == parent:
            await asyncio.sleep(0.5)
