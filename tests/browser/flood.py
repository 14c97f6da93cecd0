"""Open many WebSocket handshakes with a foreign Origin against a local server
(tests/browser/test_server_hardening.py runs it in its own process, so its work
never slows the health checks the test times):

    python -m tests.browser.flood <port> <count>

Prints "ready" when it starts, then one JSON list: each handshake's HTTP
status (or "open" if let in).
"""
from __future__ import annotations

import asyncio
import json
import sys

import websockets

FOREIGN_ORIGIN = "http://evil.example"


async def flood(port: int, count: int, spread_s: float = 4.0, at_once: int = 10) -> list:
    gate = asyncio.Semaphore(at_once)

    async def one(index: int):
        await asyncio.sleep(index * spread_s / count)  # spread out, so health is sampled throughout
        async with gate:
            try:
                ws = await websockets.connect(
                    f"ws://127.0.0.1:{port}/_stcore/stream", origin=FOREIGN_ORIGIN,
                    subprotocols=["streamlit"], open_timeout=300,
                )
            except websockets.exceptions.InvalidStatus as exc:
                return exc.response.status_code
            await ws.close()
            return "open"

    return await asyncio.gather(*(one(i) for i in range(count)))


if __name__ == "__main__":
    print("ready", flush=True)
    print(json.dumps(asyncio.run(flood(int(sys.argv[1]), int(sys.argv[2])))))
