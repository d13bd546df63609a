"""The desk's keys: each action asks the desk state to change, draws it, and has the App save what must last.

The bindings live on this screen, not on the App (as in posting and frogmouth): a config's [keys]
table rebinds them by id through App.set_keymap, the footer shows them in the desk's language, and
help (`?`) and the command palette list them from here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from functools import partial

from textual import on
from textual.app import SystemCommand
from textual.binding import Binding, BindingType
from textual.widgets import Input

from tui.core import story_view
from tui.core.desk import Desk
from tui.core.grouping import Header, mode_label
from tui.core.i18n import footer_label, tr
from tui.core.story_view import StoryRow
from tui.ui.messages import BodiesMatched, FeedsReread
from tui.ui.pane_actions import PaneActions
from tui.ui.story_actions import StoryActions
from tui.ui.widgets.help import HelpScreen
from tui.ui.widgets.wire_list import WireList
from tui.ui.wire_screen import WireScreen


class DeskScreen(StoryActions, PaneActions, WireScreen):
    """The desk as the reader works it: the live wire and every key."""

    # Footer order: what a newcomer needs first, since 80 columns cut the rest.
    # The ids are the names a config's [keys] table rebinds.
    BINDINGS = [
        # First, and shown only while a narrow desk's article is in the list's place (check_action).
        Binding("escape", "back_to_list", "Back to the list", key_display="Esc", id="back"),
        Binding("question_mark", "help", "Keys", key_display="?", id="help"),
        Binding("m", "toggle_read", "Read/unread", id="read"),
        Binding("u", "toggle_unread_only", "Unread only", id="unread-only"),
        # Priority: checked before the key reaches the list, so letters typed right behind it land in the search.
        Binding("slash", "search", "Search", key_display="/", priority=True, id="search"),
        Binding("v", "cycle_grouping", "Group by", id="group-by"),
        Binding("r", "poll_now", "Poll", show=False, id="poll"),
        Binding("F", "feed_health", "Feeds", id="feeds"),
        Binding("tab", "switch_pane", "Pane", show=False, priority=True, id="pane"),
        Binding("enter", "open_article", "Read article", show=False, id="article"),
        Binding("space,pagedown", "scroll_article(1)", "Scroll", key_display="space", show=False, priority=True,
                id="scroll-down"),
        Binding("q", "app.quit", "Quit", id="quit"),
        # j/k also move the list while the article pane has focus.
        Binding("j", "list('cursor_down')", "Next item", show=False, id="next"),
        Binding("k", "list('cursor_up')", "Previous item", show=False, id="previous"),
        Binding("pageup", "scroll_article(-1)", "Scroll up", show=False, priority=True, id="scroll-up"),
        Binding("M", "mark_group_read", "Mark group read", show=False, id="mark-group-read"),
        Binding("c", "toggle_collapse", "Collapse group", show=False, id="collapse"),
        Binding("O", "refresh_order", "Refresh group order", show=False, id="reorder"),
        Binding("z", "toggle_story", "Expand story", show=False, id="story"),
        Binding("Z", "toggle_folding", "Stories on/off", show=False, id="stories"),
        Binding("left_square_bracket", "step_carrier(-1)", "Previous carrier", key_display="[", show=False,
                id="previous-carrier"),
        Binding("right_square_bracket", "step_carrier(1)", "Next carrier", key_display="]", show=False,
                id="next-carrier"),
        Binding("U", "undo_marks", "Undo bulk marks", show=False, id="undo"),
        Binding("s", "toggle_star", "Star", show=False, id="star"),
        Binding("S", "toggle_starred_only", "Starred only", show=False, id="starred-only"),
        Binding("o", "open_link", "Open link", show=False, id="open"),
        Binding("y", "copy_link", "Copy link", show=False, id="copy"),
        Binding("e", "export_item", "Export as Markdown", show=False, id="export"),
        Binding("t", "full_text", "Fetch full text", show=False, id="full-text"),
        Binding("less_than_sign", "resize_list(-1)", "Narrower list", key_display="<", show=False, id="narrower"),
        Binding("greater_than_sign", "resize_list(1)", "Wider list", key_display=">", show=False, id="wider"),
    ]

    def __init__(self, desk: Desk) -> None:
        super().__init__(desk)
        # The footer in the desk's language, as help and the palette are; key names stay.
        bindings = self._bindings.key_to_bindings
        for key, bound in bindings.items():
            bindings[key] = [replace(b, description=footer_label(self.lang, b.description)) for b in bound]

    # Marks.

    def action_toggle_read(self) -> None:
        item = self.wire.current
        if item is not None:
            self._stop_dwell()
            if isinstance(item, StoryRow) and item.count > 1:  # a folded story: all of its items
                self.bulk_mark(self.desk.stories.ids(item.id, self.desk.items),
                               story_view.unread(item, self.desk.marks.read), item.title)
                return
            self.mark(item.id, item.id not in self.desk.marks.read)

    def bulk_mark(self, ids: list[str], read: bool, what: str) -> None:
        changed = self.desk.bulk_mark(ids, read, self.now())
        if not changed:
            return
        self.marked(changed, read)
        done = tr(self.lang, "marked read; U undoes" if read else "marked unread; U undoes")
        self.notify(f"{len(changed)} {tr(self.lang, 'items of')} {what} {done}", timeout=4, markup=False)
        self.show_header_note()

    def action_mark_group_read(self) -> None:
        group = self.wire.group_of(self.wire.cursor)
        if group is not None:
            self.bulk_mark(self.desk.group_members(group, self.now()), True, group)

    def action_mark_all_read(self) -> None:
        self.bulk_mark(self.desk.listed(self.now()), True, tr(self.lang, "the list"))

    def action_undo_marks(self) -> None:
        undone = self.desk.undo_marks(self.now())
        if undone is None:
            self.notify(tr(self.lang, "Nothing to undo"), timeout=2)
            return
        ids, read = undone
        self.marked(ids, read)
        self.notify(f"{len(ids)} {tr(self.lang, 'marked read again' if read else 'marked unread again')}", timeout=3)
        self.show_header_note()

    def action_toggle_star(self) -> None:
        item = self.wire.current
        if item is not None:
            starred = self.desk.toggle_star(item.id)
            self.wire.refresh()
            self.app.save_star(item.id, starred, self.desk.unsaved.number)

    # The view.

    def action_toggle_unread_only(self) -> None:
        self.desk.toggle_unread_only()
        self.redraw()

    def action_toggle_starred_only(self) -> None:
        self.desk.toggle_starred_only()
        self.redraw()

    def action_cycle_grouping(self) -> None:
        mode = self.desk.next_grouping()
        self.redraw()
        self.app.save_settings({"grouping": mode})
        self.notify(f"{tr(self.lang, 'Grouping')}: {mode_label(mode, self.lang)}", timeout=2)

    def action_only(self, kind: str) -> None:
        """Show only the current item's feed, agency or place."""
        item = self.wire.current
        if item is not None and self.desk.show_only(kind, item):
            self.redraw()

    def action_clear_filters(self) -> None:
        self.desk.clear_filters()
        self.redraw()

    def action_refresh_order(self) -> None:
        """The groups in their natural order now (newest first), the cursor on its item."""
        self.desk.order.release()
        self.rebuild()

    def action_toggle_collapse(self) -> None:
        group = self.wire.group_of(self.wire.cursor)
        if group is None:
            return
        if not self.desk.toggle_collapse(group):
            self.rebuild()
            self.wire.action_cursor_down()  # from the header onto the group's first item
            return
        self.wire.follow_top = False
        self.rebuild()
        self.wire.select(next(n for n, row in enumerate(self.wire.rows)
                              if isinstance(row, Header) and row.group == group))

    # Search.

    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        if self.focused is search:
            search.insert_text_at_cursor("/")  # a priority binding: "/" typed in the search is text
            return
        search.display = True
        self.set_focus(search)  # at once, not after the next refresh

    @on(Input.Changed, "#search")
    def search_changed(self, event: Input.Changed) -> None:
        query = event.value.strip()
        self.desk.search(query)
        self.redraw()
        if query:
            self.app.search_bodies(query)  # titles narrow at once; summaries and article bodies join when read

    @on(BodiesMatched)
    def bodies_matched(self, message: BodiesMatched) -> None:
        if self.desk.bodies_matched(message.query, message.ids):
            self.redraw()

    @on(Input.Submitted, "#search")
    def search_kept(self) -> None:
        self.wire.focus()

    def key_escape(self) -> None:
        search = self.query_one("#search", Input)
        if search.display:
            search.value = ""
            search.display = False
            self.desk.search("")
            self.redraw()
            self.wire.focus()

    # The item read (the list's, or the carrier stepped to), out of the desk.

    def action_open_link(self) -> None:
        item = self.reading_item()
        if item is not None and item.link:
            self.app.open_url(item.link)

    def action_copy_link(self) -> None:
        item = self.reading_item()
        if item is not None and item.link:
            self.app.copy_to_clipboard(item.link)  # OSC 52: works through tmux
            self.notify(tr(self.lang, "Link copied"), timeout=2)

    def action_export_item(self) -> None:
        item = self.reading_item()
        if item is not None:
            self.app.export_item(item)

    def action_full_text(self) -> None:
        item = self.reading_item()
        if item is not None:
            self.app.full_texts.ask(item)

    # Feeds, help and the palette.

    def action_poll_now(self) -> None:
        if not self.app.reread_feeds():
            self.poll_now()  # the feed list is fixed (--feed, the demo wire): poll it as it is

    @on(FeedsReread)
    def feeds_reread(self, message: FeedsReread) -> None:
        """The config's feed list, re-read for `r`: the desk and the poller follow it, then all are polled."""
        if message.sources is None:
            self.notify(message.problem, title=tr(self.lang, "Feed list not re-read"), severity="error",
                        markup=False)
        else:
            before = set(self.desk.feeds)
            urls = [source.url for source in message.sources]
            added, removed = len(set(urls) - before), len(before - set(urls))
            self.desk.set_feeds(urls)
            self.app.set_sources(message.sources)
            if added or removed:
                self.notify(f"{tr(self.lang, 'Feeds')}: {added} {tr(self.lang, 'added')}, {removed} "
                            f"{tr(self.lang, 'removed')}", timeout=4, markup=False)
                self.update_status()
        self.poll_now()

    def poll_now(self) -> None:
        if self.app.poll_now():
            self.notify(tr(self.lang, "Polling now…"), timeout=2)
        else:
            self.notify(tr(self.lang, "Polling is off (--no-poll)"), severity="warning", timeout=3)

    def action_feed_health(self) -> None:
        from tui.ui.widgets.health import HealthScreen  # Textual's DataTable: half a MB, only once asked for

        self.app.push_screen(HealthScreen(self.desk.health, self.desk.item_counts(), self.lang))

    def action_help(self) -> None:
        desk = [b for b in self.as_bound(self.BINDINGS) if not b.action.startswith("list(")]
        self.app.push_screen(HelpScreen([("Wire list", self.as_bound(WireList.BINDINGS)),
                                         ("Desk", desk)], self.lang))

    def as_bound(self, bindings: Iterable[BindingType]) -> list[Binding]:
        """The bindings with the keys a config's [keys] table gave them, as help must show them."""
        keymap = self.app.keymap_overrides
        return [replace(b, key=keymap[b.id], key_display=None) if b.id in keymap else b
                for b in bindings if isinstance(b, Binding)]  # the desk declares only Binding objects

    def commands(self) -> Iterable[SystemCommand]:
        """The desk's actions for the command palette, with the keys that run them."""
        lang = self.lang
        for binding in self.as_bound(self.BINDINGS):
            if binding.action.startswith(("list(", "scroll_article")) or binding.action == "app.quit":
                continue
            key = binding.key_display or binding.key
            yield SystemCommand(tr(lang, binding.description), f"{tr(lang, 'key')} {key}",
                                partial(self.run_action, binding.action))
        yield SystemCommand(tr(lang, "Mark all read"), tr(lang, "every item in the list; U undoes"),
                            self.action_mark_all_read)
        for kind in ("feed", "agency", "place"):
            yield SystemCommand(tr(lang, f"Only this {kind}"), tr(lang, f"show only the current item's {kind}"),
                                partial(self.action_only, kind))
        yield SystemCommand(tr(lang, "Clear filters"), tr(lang, "unread only, starred only, search and only-this"),
                            self.action_clear_filters)
