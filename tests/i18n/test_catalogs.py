"""The catalogs: every language has every message, with the same placeholders, CLDR plurals
that fit the language, and renders without an error for any count."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from babel import Locale
from fluent.syntax import FluentParser, ast

from bot.i18n import DEFAULT, LOCALES, LOCALES_DIR, bundle_for

PLURAL_CATEGORIES = {"zero", "one", "two", "few", "many", "other"}
KINDS = {"points", "stamps"}
COUNTS = (0, 1, 2, 3, 5, 11, 21, 100, 1001)


def messages(locale: str) -> dict[str, ast.Message]:
    found: dict[str, ast.Message] = {}
    for path in sorted((LOCALES_DIR / locale).glob("*.ftl")):
        resource = FluentParser().parse(path.read_text(encoding="utf-8"))
        junk = [entry for entry in resource.body if isinstance(entry, ast.Junk)]
        assert not junk, f"{path}: {[j.annotations[0].message for j in junk]}"
        for entry in resource.body:
            if isinstance(entry, ast.Message):
                assert entry.id.name not in found, f"{locale}: {entry.id.name} twice"
                found[entry.id.name] = entry
    return found


def walk(node: object) -> Iterator[object]:
    yield node
    if isinstance(node, ast.BaseNode):
        for value in vars(node).values():
            for child in value if isinstance(value, list) else [value]:
                if isinstance(child, ast.BaseNode):
                    yield from walk(child)


def variables(message: ast.Message) -> set[str]:
    return {n.id.name for n in walk(message) if isinstance(n, ast.VariableReference)}


def selects(message: ast.Message) -> list[ast.SelectExpression]:
    return [n for n in walk(message) if isinstance(n, ast.SelectExpression)]


def plural_tags(locale: str) -> set[str]:
    """The forms a count in a shop takes (0 to 10,000) in this language, by CLDR's rules."""
    rule = Locale.parse(locale).plural_form
    return {rule(n) for n in range(10_001)}


def allowed_tags(locale: str) -> set[str]:
    return set(Locale.parse(locale).plural_form.tags) | {"other"}


TRANSLATED = [locale for locale in LOCALES if locale != DEFAULT]


def test_the_languages_are_the_folders():
    folders = {p.name for p in LOCALES_DIR.iterdir() if p.is_dir()}
    assert folders == set(LOCALES)


@pytest.mark.parametrize("locale", TRANSLATED)
def test_every_message_is_translated_with_the_same_placeholders(locale):
    english, translated = messages(DEFAULT), messages(locale)
    assert sorted(set(english) - set(translated)) == [], "missing"
    assert sorted(set(translated) - set(english)) == [], "not in English"
    files = {p.name for p in (LOCALES_DIR / DEFAULT).glob("*.ftl")}
    assert {p.name for p in (LOCALES_DIR / locale).glob("*.ftl")} == files
    wrong = {
        key: (sorted(variables(english[key])), sorted(variables(translated[key])))
        for key in english
        if variables(english[key]) != variables(translated[key])
    }
    assert wrong == {}


@pytest.mark.parametrize("locale", LOCALES)
def test_plural_and_kind_selectors_fit_the_language(locale):
    tags, allowed = plural_tags(locale), allowed_tags(locale)
    problems = []
    for key, message in messages(locale).items():
        for select in selects(message):
            names = {
                v.key.name if isinstance(v.key, ast.Identifier) else str(v.key.value)
                for v in select.variants
            }
            selector = select.selector
            if isinstance(selector, ast.VariableReference) and selector.id.name == "kind":
                if names != KINDS:
                    problems.append(f"{key}: $kind has {sorted(names)}")
                continue
            words = {n for n in names if not n.isdigit()}
            if words - allowed:
                problems.append(f"{key}: {sorted(words - allowed)} are not {locale} plural forms")
            elif words and tags - words:
                problems.append(f"{key}: {sorted(tags - words)} missing for {locale}")
    assert problems == []


@pytest.mark.parametrize("locale", LOCALES)
def test_every_message_renders_for_any_count_and_kind(locale):
    bundle = bundle_for(locale)
    problems = []
    for key, message in messages(locale).items():
        for count in COUNTS:
            for kind in sorted(KINDS):
                args: dict[str, object] = {name: count for name in variables(message)}
                args["kind"] = kind
                for name in ("business", "program", "customer", "name", "reward", "text"):
                    if name in args:
                        args[name] = "Café"
                text, errors = bundle.format_pattern(bundle.get_message(key).value, args)
                if errors or not text.strip():
                    problems.append(f"{key} ({count}, {kind}): {errors or 'empty'}")
    assert problems[:10] == []


def test_a_placeholder_in_a_catalog_is_never_left_blank():
    """Every variable a message uses is one its English original names (no typos)."""
    english = messages(DEFAULT)
    for locale in TRANSLATED:
        for key, message in messages(locale).items():
            unknown = variables(message) - variables(english.get(key, message))
            assert not unknown, f"{locale} {key}: {sorted(unknown)}"


def test_catalog_files_are_utf8_without_tabs():
    for path in Path(LOCALES_DIR).rglob("*.ftl"):
        text = path.read_text(encoding="utf-8")
        assert "\t" not in text, path
