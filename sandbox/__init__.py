"""A local stand-in for Telegram's Bot API servers, with a control API to act as users."""
