"""The Mini App: a web page opened inside Telegram, served by the bot's own aiohttp server.

`initdata` checks who opened it, `session` turns that into a short-lived signed token, `live`
tells open pages what changed, `routes` answers the page through the domain's use cases, and
`static/` holds the page itself (plain HTML, JavaScript and CSS, no build step).
"""
