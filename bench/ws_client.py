"""A light Streamlit session that speaks the app's WebSocket protocol (protobuf
BackMsg/ForwardMsg on /_stcore/stream), for load: many sessions without a
browser each. It opens a page, learns a widget's id from the deltas, and
"taps" by sending the rerun the browser would send, timing each rerun from
request to script_finished.

A run that failed raises instead of being timed as if it had worked: an
exception element (Streamlit's error box) or the app's own error screen
(``ui.errors``: the container keyed ``bse_plain_screen``, what the launcher
shows for an uncaught page exception). A tap must change what the server
draws: a tap on another option that comes back identical to the last one
means the server ignored it (a stale widget id, a wrong label) and raises.
"""
from __future__ import annotations

import asyncio
import hashlib
import time

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg


class Session:
    def __init__(self, base_url: str, page_name: str, query: str):
        self.ws_url = base_url.replace("http://", "ws://") + "/_stcore/stream"
        self.origin = base_url
        self.page_name = page_name
        self.query = query
        self.ws = None
        self.widget_ids: dict[str, str] = {}  # user key -> widget id
        self.fragment_ids: dict[str, str] = {}  # user key -> id of the fragment drawing it ("" if none)
        self.page_script_hash = ""
        self.digest = ""  # of every element the last run drew
        self._last_tap: dict[str, tuple[str, str]] = {}  # widget key -> (label, digest) of its last tap

    async def open(self) -> float:
        self.ws = await websockets.connect(
            self.ws_url, subprotocols=["streamlit"], origin=self.origin, max_size=None, compression=None,
        )
        return await self._rerun(page_name=self.page_name)

    async def tap(self, widget_key: str, label: str) -> float:
        """Choose an option of a segmented control (button group) by its label,
        which is what the browser sends (a list of formatted options)."""
        # A widget inside an st.fragment reruns only that fragment, as in the browser.
        ms = await self._rerun(widget=(self.widget_ids[widget_key], label), fragment_id=self.fragment_ids[widget_key])
        last = self._last_tap.get(widget_key)
        if last is not None and last[0] != label and last[1] == self.digest:
            raise RuntimeError(f"tap {widget_key}={label!r} drew the same as {last[0]!r}: the server ignored it")
        self._last_tap[widget_key] = (label, self.digest)
        return ms

    async def _rerun(self, page_name: str = "", widget=None, fragment_id: str = "") -> float:
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query
        state.page_script_hash = self.page_script_hash
        if page_name:
            state.page_name = page_name
        if fragment_id:
            state.fragment_id = fragment_id
        if widget:
            ws = state.widget_states.widgets.add()
            ws.id = widget[0]
            ws.string_array_value.data.append(widget[1])
        started = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        drawn = hashlib.sha256()
        while True:
            fwd = ForwardMsg()
            fwd.ParseFromString(await self.ws.recv())
            kind = fwd.WhichOneof("type")
            if kind == "new_session":
                self.page_script_hash = fwd.new_session.page_script_hash or self.page_script_hash
            elif kind == "page_info_changed" or kind == "navigation":
                self.page_script_hash = getattr(fwd.navigation, "page_script_hash", "") or self.page_script_hash
            elif kind == "delta":
                delta = fwd.delta
                if delta.WhichOneof("type") == "add_block" and delta.add_block.id.endswith("-bse_plain_screen"):
                    raise RuntimeError("the app showed its error screen; see the server log")
                if delta.WhichOneof("type") == "new_element":
                    element = delta.new_element
                    drawn.update(element.SerializeToString())
                    widget_kind = element.WhichOneof("type")
                    if widget_kind == "exception":
                        raise RuntimeError("the app raised an exception; see the server log")
                    if widget_kind == "button_group":
                        proto = element.button_group
                        # Widget ids end with the user key, e.g. "$$ID-...-reflex_speed_control".
                        key = proto.id.rsplit("-", 1)[-1]
                        self.widget_ids[key] = proto.id
                        self.fragment_ids[key] = delta.fragment_id
            elif kind == "script_finished":
                self.digest = drawn.hexdigest()
                return (time.perf_counter() - started) * 1000

    async def close(self) -> None:
        if self.ws:
            await self.ws.close()


async def _demo(url: str) -> None:
    s = Session(url, "reflex", "lang=en&mode=kiosk")
    print("open", round(await s.open(), 1), "ms", s.widget_ids)
    for i in range(6):
        print("tap", round(await s.tap("reflex_speed_control", ("Slow", "Quick", "Sudden")[i % 3]), 1), "ms")
    await s.close()


if __name__ == "__main__":
    import sys

    asyncio.run(_demo(sys.argv[1]))
