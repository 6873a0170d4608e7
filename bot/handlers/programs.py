"""Program handlers: create (guided or in one line), list with their buttons, edit a field."""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.error import BadRequest
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot import steps
from bot.callbacks import Prefix, pattern, pressed
from bot.handlers import growth_owner
from bot.handlers.common import current_staff, whole_number
from bot.handlers.expiry import expiry_summary
from bot.handlers.program_gifts import edit_gift, gift_line, gifts_of, is_gift_field
from bot.i18n import LOCALES, t
from bot.keyboards_business import program_actions, program_kinds
from bot.keyboards_staff import PROGRAMS_PAGE_SIZE, nav_row, page_of
from bot.keyboards_tiers import with_tier_buttons
from bot.ladder_text import ladder_line
from bot.services import BotApp, Context
from bot.updates import chat_id_of, message_of, text_of, user_of
from domain.commands import CreateProgram, EditProgram
from domain.conversations import start_owner_step
from domain.errors import InvalidAmount, InvalidInput
from domain.growth.owner_ports import ProgramGifts
from domain.models import ChatState, Program, ProgramKind
from domain.programs import create_program, edit_program
from domain.reports import ProgramsOverview, business_programs
from domain.rules import MAX_AMOUNT, validate_amount, validate_name

# Steps of the guided /newprogram flow (bot.steps); each step's data holds the answers so far:
# business_id, then name, kind, points and threshold as they are given.
PROGRAM_NAME = "program_name"
KIND = "program_kind"
POINTS = "program_points"
THRESHOLD = "program_threshold"
REWARD = "program_reward"
NUMBER_FIELDS = ("points_per_scan", "max_per_scan", "daily_cap")
TEXT_FIELDS = ("name",)  # rewards are changed under /programs' 🎁 buttons (bot.handlers.rewards)
NO_CAP = ("0", "none", "")


def _number(text: str) -> int:
    return whole_number(text, InvalidAmount("amount_not_integer"))


def _kind(text: str) -> ProgramKind:
    """ "points" / "stamps", or the kind's name in any of our languages ("штампы", "sellos")."""
    word = text.strip().lower()
    for kind in ProgramKind:
        names = {kind.value} | {t(f"prog_kind_{kind.value}", loc).lower() for loc in LOCALES}
        if word in names:
            return kind
    raise InvalidInput("prog_bad_kind")


async def on_newprogram(update: Update, context: Context) -> None:
    """/newprogram: the one-line form `name | kind | per scan | at | reward [| cap]`, or ask."""
    staff = await current_staff(update, context)
    line = text_of(update).partition(" ")[2]
    if line.strip():
        await _create(update, context, _parse_line(staff.business_id, staff.telegram_id, line))
        return
    draft = {"business_id": staff.business_id}
    await start_owner_step(context.services.uow(), chat_id_of(update), staff, PROGRAM_NAME, draft)
    await message_of(update).reply_text(t("prog_ask_name"))


def _parse_line(business_id: int, telegram_id: int, line: str) -> CreateProgram:
    parts = [part.strip() for part in line.split("|")]
    if len(parts) not in (5, 6):
        raise InvalidInput("prog_usage")
    name, kind, points, threshold, reward = parts[:5]
    cap = parts[5] if len(parts) == 6 else ""
    return CreateProgram(
        business_id, telegram_id, name, _kind(kind), _number(points), _number(threshold), reward,
        daily_cap=None if cap.lower() in NO_CAP else _number(cap),
    )  # fmt: skip


@steps.step(PROGRAM_NAME)
async def on_program_name(update: Update, context: Context, state: ChatState) -> None:
    """The new program's name; then its kind, by button."""
    name = validate_name(text_of(update), "program")
    await steps.go_to(update, context, KIND, {**state.data, "name": name})
    await message_of(update).reply_text(t("prog_ask_kind"), reply_markup=program_kinds())


async def on_kind(update: Update, context: Context) -> None:
    """The Points / Stamps button of the guided flow, valid while the flow is at that step."""
    button = pressed(update, 1)
    state = await steps.expect(update, context, KIND)
    await button.query.answer()
    await _choose_kind(update, context, state, button.text(0))


@steps.step(KIND)
async def on_kind_text(update: Update, context: Context, state: ChatState) -> None:
    """The kind typed instead of pressed."""
    await _choose_kind(update, context, state, text_of(update))


async def _choose_kind(update: Update, context: Context, state: ChatState, raw: str) -> None:
    kind = _kind(raw)
    await steps.go_to(update, context, POINTS, {**state.data, "kind": kind.value})
    text = f"{t('prog_kind_chosen', kind=kind.value)}\n{t('prog_ask_points', kind=kind.value)}"
    await message_of(update).reply_text(text)


@steps.step(POINTS)
async def on_points(update: Update, context: Context, state: ChatState) -> None:
    """Points per scan, checked now so a mistake is fixed in place."""
    points = validate_amount(_number(text_of(update)), CreateProgram.max_per_scan)
    await steps.go_to(update, context, THRESHOLD, {**state.data, "points": points})
    await message_of(update).reply_text(t("prog_ask_threshold", kind=state.data["kind"]))


@steps.step(THRESHOLD)
async def on_threshold(update: Update, context: Context, state: ChatState) -> None:
    """Points needed for the reward."""
    threshold = validate_amount(_number(text_of(update)), MAX_AMOUNT)
    await steps.go_to(update, context, REWARD, {**state.data, "threshold": threshold})
    await message_of(update).reply_text(t("prog_ask_reward"))


@steps.step(REWARD)
async def on_reward(update: Update, context: Context, state: ChatState) -> None:
    """The reward's name: the last answer, so the program is created."""
    draft = state.data
    cmd = CreateProgram(
        int(draft["business_id"]), user_of(update).id, str(draft["name"]),
        ProgramKind(draft["kind"]), int(draft["points"]), int(draft["threshold"]),
        text_of(update),
    )  # fmt: skip
    await _create(update, context, cmd)


async def _create(update: Update, context: Context, cmd: CreateProgram) -> None:
    program = await create_program(context.services.uow(), cmd)
    await steps.leave(update, context)
    await message_of(update).reply_text(
        t("prog_created", id=program.id, program=program.name, points=program.points_per_scan,
          kind=program.kind.value, reward=cmd.reward_name, threshold=cmd.reward_threshold,
          link=_join_link(context, program))
    )  # fmt: skip


def _join_link(context: Context, program: Program) -> str:
    return context.services.deep_link("j_" + program.join_code)


async def on_programs(update: Update, context: Context) -> None:
    """/programs: each program with its join link, and Make default / Deactivate buttons."""
    staff = await current_staff(update, context)
    uow = context.services.uow()
    overview = await business_programs(uow, staff.business_id, staff.telegram_id)
    if not overview.programs:
        await message_of(update).reply_text(t("prog_list_empty"))
        return
    gifts = await gifts_of(context, [p.id for p in overview.programs])
    text, markup = _programs_page(context, overview, 0, gifts)
    await message_of(update).reply_text(text, reply_markup=markup)


async def on_programs_page(update: Update, context: Context) -> None:
    """◀ / ▶ under /programs: another page in the same message."""
    button = pressed(update, 1)
    staff = await current_staff(update, context)
    uow = context.services.uow()
    overview = await business_programs(uow, staff.business_id, staff.telegram_id)
    gifts = await gifts_of(context, [p.id for p in overview.programs])
    text, markup = _programs_page(context, overview, button.number(0), gifts)
    await button.query.answer()
    try:
        await button.query.edit_message_text(text, reply_markup=markup)
    except BadRequest as error:  # the same page again: nothing to change
        if "not modified" not in error.message.lower():
            raise


def _programs_page(
    context: Context, overview: ProgramsOverview, number: int, gifts: dict[int, ProgramGifts]
) -> tuple[str, InlineKeyboardMarkup | None]:
    """One message's worth of programs: a business with many would pass Telegram's 4096."""
    page = page_of(len(overview.programs), number, PROGRAMS_PAGE_SIZE)
    shown = overview.programs[page.start : page.end]
    text = "\n\n".join(
        _program_text(context, overview, p) + gift_line(gifts.get(p.id)) for p in shown
    )
    if page.pages > 1:
        text += "\n\n" + t("page_of", page=page.number + 1, pages=page.pages)
    nav = nav_row(page, Prefix.PROGRAMS_PAGE)
    return text, with_tier_buttons(program_actions(overview, shown, nav), shown, bool(nav))


def _program_text(context: Context, overview: ProgramsOverview, program: Program) -> str:
    default = program.id == overview.business.default_program_id
    text = t(
        "prog_line", marker=t("prog_default_marker") if default else "•", id=program.id,
        program=program.name, kind=program.kind.value,
        state="" if program.active else t("prog_inactive_state"),
        points=program.points_per_scan, max=program.max_per_scan,
        cap=program.daily_cap or t("prog_no_cap"), link=_join_link(context, program),
    )  # fmt: skip
    return text + "\n" + ladder_line(program) + "\n" + expiry_summary(program)


async def on_program_action(update: Update, context: Context) -> None:
    """Make default (d) / Deactivate (x); the domain refuses another business's program."""
    button = pressed(update, 2)
    program_id, action = button.number(0), button.choice(1, "d", "x")
    staff = await current_staff(update, context)
    if action == "d":
        cmd = EditProgram(program_id, staff.telegram_id, make_default=True)
    else:
        cmd = EditProgram(program_id, staff.telegram_id, active=False)
    program = await edit_program(context.services.uow(), cmd)
    await button.query.answer()
    key = "prog_made_default" if action == "d" else "prog_deactivated"
    await button.message.reply_text(t(key, id=program.id, program=program.name))


async def on_editprogram(update: Update, context: Context) -> None:
    """/editprogram <id> <field> <value>: change one field of a program."""
    staff = await current_staff(update, context)
    args = context.args or []
    if len(args) < 3:
        await message_of(update).reply_text(t("prog_edit_usage"))
        return
    program_id = whole_number(args[0], InvalidInput("prog_edit_usage"))
    field, value = args[1].lower(), " ".join(args[2:])
    if field in growth_owner.REFERRAL_FIELDS:  # growth settings live with the growth tools
        await growth_owner.edit_referral_terms(update, context, staff, program_id, field, value)
        return
    if is_gift_field(field):
        await edit_gift(update, context, staff, program_id, field, value)
        return
    cmd = EditProgram(program_id, staff.telegram_id, **_change(field, value))
    program = await edit_program(context.services.uow(), cmd)
    shown = getattr(program, field)
    await message_of(update).reply_text(
        t("prog_edited", id=program.id, program=program.name, field=field,
          value=t("prog_no_cap") if shown is None else shown)
    )  # fmt: skip


def _change(field: str, value: str) -> dict[str, Any]:
    if field in TEXT_FIELDS:
        return {field: value}
    if field == "daily_cap" and value.strip().lower() in NO_CAP:
        return {"clear_daily_cap": True}
    if field in NUMBER_FIELDS:
        return {field: _number(value)}
    raise InvalidInput("prog_edit_usage")


def register(app: BotApp) -> None:
    private = filters.ChatType.PRIVATE
    app.add_handler(CommandHandler("newprogram", on_newprogram, filters=private))
    app.add_handler(CallbackQueryHandler(on_kind, pattern=pattern(Prefix.PROGRAM_KIND)))
    app.add_handler(CommandHandler("programs", on_programs, filters=private))
    app.add_handler(CommandHandler("editprogram", on_editprogram, filters=private))
    app.add_handler(CallbackQueryHandler(on_program_action, pattern=pattern(Prefix.PROGRAM)))
    app.add_handler(CallbackQueryHandler(on_programs_page, pattern=pattern(Prefix.PROGRAMS_PAGE)))
