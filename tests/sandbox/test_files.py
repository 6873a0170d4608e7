"""Photos and documents: uploads, file_id re-use, getFile and downloads."""

from __future__ import annotations

import pytest
from telegram import Bot, Document, File, PhotoSize
from telegram.error import BadRequest

from sandbox.client import SandboxUser
from sandbox.server import SandboxServer


async def test_send_photo_gives_photo_sizes_and_the_bytes_round_trip(
    bot: Bot, ann: SandboxUser, make_image
) -> None:
    data = make_image(1000, 600)
    msg = await bot.send_photo(ann.chat_id, data, caption="Your card")
    assert msg.caption == "Your card"
    assert all(isinstance(size, PhotoSize) for size in msg.photo)
    assert [(s.width, s.height) for s in msg.photo] == [
        (90, 54),
        (320, 192),
        (800, 480),
        (1000, 600),
    ]
    largest = msg.photo[-1]
    file = await bot.get_file(largest.file_id)
    assert isinstance(file, File) and file.file_size == len(data)
    assert bytes(await file.download_as_bytearray()) == data
    [shown] = await ann.transcript()
    assert shown.photo_bytes == data
    assert await shown.fetch_photo() == data


async def test_a_photo_file_id_can_be_sent_again(bot: Bot, ann: SandboxUser, make_image) -> None:
    first = await bot.send_photo(ann.chat_id, make_image(200, 100))
    again = await bot.send_photo(ann.chat_id, first.photo[-1].file_id, caption="again")
    assert again.photo[-1].file_id == first.photo[-1].file_id
    assert again.message_id == first.message_id + 1
    with pytest.raises(BadRequest, match="Wrong file identifier"):
        await bot.send_photo(ann.chat_id, "AgACnot-a-real-file-id")


async def test_a_photo_sent_by_a_user_can_be_downloaded(
    bot: Bot, ann: SandboxUser, make_image
) -> None:
    data = make_image(1280, 720, "JPEG")
    sent = await ann.send_photo(data, caption="my card")
    [update] = await bot.get_updates()
    assert update.message.caption == "my card"
    assert update.message.photo[-1].file_id == sent.photo[-1]["file_id"]
    assert len(update.message.photo) > 1
    file = await update.message.photo[-1].get_file()
    assert bytes(await file.download_as_bytearray()) == data


async def test_documents_upload_and_download(bot: Bot, ann: SandboxUser) -> None:
    payload = b"%PDF-1.4 fake"
    msg = await bot.send_document(ann.chat_id, payload, filename="report.pdf", caption="report")
    assert isinstance(msg.document, Document)
    assert msg.document.file_name == "report.pdf"
    assert msg.document.mime_type == "application/pdf"
    file = await bot.get_file(msg.document.file_id)
    assert file.file_path.endswith(".pdf")
    assert bytes(await file.download_as_bytearray()) == payload
    [shown] = await ann.transcript()
    assert shown.document_bytes == payload and shown.caption == "report"

    await ann.send_document(b"a,b\n1,2\n", filename="points.csv", mime_type="text/csv")
    [update] = await bot.get_updates()
    assert update.message.document.file_name == "points.csv"
    assert update.message.document.mime_type == "text/csv"
    downloaded = await (await update.message.document.get_file()).download_as_bytearray()
    assert bytes(downloaded) == b"a,b\n1,2\n"


async def test_get_file_refuses_files_over_20_mb(
    bot: Bot, ann: SandboxUser, server: SandboxServer
) -> None:
    big = b"\0" * (20 * 1024 * 1024 + 1)
    sent = await ann.send_document(big, filename="big.bin")
    with pytest.raises(BadRequest, match="File is too big"):
        await bot.get_file(sent.document["file_id"])
    with pytest.raises(BadRequest, match="Invalid file_id"):
        await bot.get_file("nope")


async def test_bad_image_and_long_caption_are_refused(
    bot: Bot, ann: SandboxUser, make_image
) -> None:
    with pytest.raises(BadRequest, match="Image_process_failed"):
        await bot.send_photo(ann.chat_id, b"not an image")
    with pytest.raises(BadRequest, match="Message caption is too long"):
        await bot.send_photo(ann.chat_id, make_image(10, 10), caption="c" * 1025)
    assert await ann.transcript() == []


async def test_the_same_picture_sent_twice_gets_the_same_sizes_and_its_own_files(
    bot: Bot, ann: SandboxUser, make_image
) -> None:
    data = make_image(1000, 600)
    first = await bot.send_photo(ann.chat_id, data)
    second = await bot.send_photo(ann.chat_id, data)
    sizes = [[(s.width, s.height) for s in m.photo] for m in (first, second)]
    assert sizes[0] == sizes[1]
    assert first.photo[0].file_id != second.photo[0].file_id
    thumbs = [await (await bot.get_file(m.photo[0].file_id)).download_as_bytearray()
              for m in (first, second)]  # fmt: skip
    assert thumbs[0] == thumbs[1] and thumbs[0][:2] == b"\xff\xd8"  # one JPEG, made once
