"""Keyboard factories of staff safety: /staff pages, joining a staff, undo by request, pages."""

from __future__ import annotations

from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import Prefix
from bot.i18n import t
from bot.keyboards_business import _button
from domain.models import Role, StaffInvitation
from domain.reports import StaffMember

STAFF_PAGE_SIZE = 8  # entries (people and open links) per /staff message
PROGRAMS_PAGE_SIZE = 5  # each program's text carries its join link: about 400 characters


@dataclass(frozen=True)
class Page:
    """Which slice of a list one message shows."""

    number: int
    pages: int
    start: int
    end: int


def page_of(total: int, number: int, size: int) -> Page:
    pages = max((total + size - 1) // size, 1)
    number = min(max(number, 0), pages - 1)
    return Page(number, pages, number * size, min((number + 1) * size, total))


def nav_row(page: Page, prefix: str) -> list[InlineKeyboardButton]:
    """◀ / ▶ for a list of several pages; nothing for one."""
    row = []
    if page.number > 0:
        row.append(_button(t("page_prev"), prefix, page.number - 1))
    if page.number < page.pages - 1:
        row.append(_button(t("page_next"), prefix, page.number + 1))
    return row


def staff_page(
    members: list[StaffMember], invitations: list[StaffInvitation], page: Page
) -> InlineKeyboardMarkup:
    """Limit / Remove for each staff member and Revoke for each open link on this page, then
    a new-link button and the page buttons."""
    entries: list[StaffMember | StaffInvitation] = [*members, *invitations]
    rows = []
    for entry in entries[page.start : page.end]:
        if isinstance(entry, StaffInvitation):
            rows.append([_button(t("staff_revoke_button", id=entry.id), Prefix.STAFF_REVOKE,
                                 entry.id)])  # fmt: skip
        elif entry.role is not Role.OWNER:
            rows.append([
                _button(t("staff_limit_button", name=entry.name), Prefix.STAFF_LIMIT,
                        entry.telegram_id),
                _button(t("staff_remove_button", name=entry.name), Prefix.STAFF_REMOVE,
                        entry.telegram_id),
            ])  # fmt: skip
    rows.append([_button(t("staff_new_link_button"), Prefix.STAFF_INVITE)])
    nav = nav_row(page, Prefix.STAFF_PAGE)
    return InlineKeyboardMarkup([*rows, nav] if nav else rows)


def staff_join(code: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[
            _button(t("staff_join_yes"), Prefix.STAFF_JOIN, code, "y"),
            _button(t("staff_join_no"), Prefix.STAFF_JOIN, code, "n"),
        ]]
    )  # fmt: skip


def undo_by_request(card_id: int, points: int) -> InlineKeyboardMarkup:
    label = t("undo_request_button", points=points)
    return InlineKeyboardMarkup([[_button(label, Prefix.UNDO_BY_REQUEST, card_id, points)]])
