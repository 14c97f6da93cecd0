"""A light Streamlit session that speaks the app's WebSocket protocol (protobuf
BackMsg/ForwardMsg on /_stcore/stream), for load: many sessions without a
browser each. It opens a page, learns a widget's id from the deltas, and
"taps" by sending the rerun the browser would send, timing each rerun from
request to script_finished.
"""
from __future__ import annotations

import asyncio
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

    async def open(self) -> float:
        self.ws = await websockets.connect(
            self.ws_url, subprotocols=["streamlit"], origin=self.origin, max_size=None, compression=None,
        )
        return await self._rerun(page_name=self.page_name)

    async def tap(self, widget_key: str, label: str) -> float:
        """Choose an option of a segmented control (button group) by its label,
        which is what the browser sends (a list of formatted options)."""
        # A widget inside an st.fragment reruns only that fragment, as in the browser.
        return await self._rerun(widget=(self.widget_ids[widget_key], label), fragment_id=self.fragment_ids[widget_key])

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
        while True:
            fwd = ForwardMsg()
            fwd.ParseFromString(await self.ws.recv())
            kind = fwd.WhichOneof("type")
            if kind == "new_session":
                self.page_script_hash = fwd.new_session.page_script_hash or self.page_script_hash
            elif kind == "page_info_changed" or kind == "navigation":
                self.page_script_hash = getattr(fwd.navigation, "page_script_hash", "") or self.page_script_hash
            elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                element = fwd.delta.new_element
                widget_kind = element.WhichOneof("type")
                if widget_kind == "button_group":
                    proto = element.button_group
                    # Widget ids end with the user key, e.g. "$$ID-...-reflex_speed_control".
                    key = proto.id.rsplit("-", 1)[-1]
                    self.widget_ids[key] = proto.id
                    self.fragment_ids[key] = fwd.delta.fragment_id
            elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element" and fwd.delta.new_element.WhichOneof("type") == "exception":
                raise RuntimeError("the app raised an exception; see the server log")
            elif kind == "script_finished":
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
