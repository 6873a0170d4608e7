"""Texts of the customer side: start, QR, cards, history, requests, settings, help."""

BTN_QR = "📱 My QR"
BTN_CARDS = "💳 My cards"
BTN_HISTORY = "📜 History"
BTN_REQUESTS = "📨 Requests"
BTN_SETTINGS = "⚙️ Settings"
BTN_HELP = "❓ Help"

CUSTOMER = {
    "welcome": (
        "Welcome, {name}! 👋\n\n"
        "Show your QR code at the counter to collect points. Use the buttons below to see "
        "your code, your cards and your history."
    ),
    "help": (
        "How it works:\n"
        "• {qr}: show this code to the staff; they scan it and you get points.\n"
        "• {cards}: your loyalty cards and balances.\n"
        "• {history}: your latest points.\n"
        "• {requests}: invitations and deductions waiting for your answer.\n"
        "• {settings}: choose which messages you get.\n"
        "• /newqr: replace your code if someone else has a photo of it.\n\n"
        "Business owners: /newbusiness registers your business; /bhelp lists staff commands."
    ),
    "qr_caption": (
        "{name}, show this code at the counter.\n"
        "If the camera fails, staff can type the code: {code}"
    ),
    "qr_renewed": "Your old code no longer works. Here is your new one:",
    "cards_empty": (
        "You have no loyalty cards yet.\n"
        "Show your QR code at a participating business, or open a program's join link."
    ),
    "cards_header": "Your cards:",
    "card_line_points": "🏪 {business} · {program}\n   {balance} points · {progress}",
    "card_line_stamps": "🏪 {business} · {program}\n   {stamps} {balance}/{threshold} · {progress}",
    "progress_left": "{left} to go for {reward}",
    "progress_ready": "🎁 {reward} is ready! Ask the staff.",
    "history_empty": "No points yet.",
    "history_header": "Latest points:",
    "history_card": "🏪 {business} · {program} (balance {balance})",
    "history_line": "  {when} {delta:+d} {reason}",
    "history_none": "  nothing yet",
    "requests_empty": "No requests waiting for your answer.",
    "settings_header": "Messages you get (tap to switch):",
    "settings_saved": "Saved.",
    "joined_program": "You joined {program} at {business}. Your card: {number}.",
    "already_in_program": "You already have a card in {program} at {business}.",
    "staff_joined_you": "You are now staff of {business}. Send /bhelp to see your commands.",
    "staff_already": "You are already staff of {business}.",
    "own_qr_opened": "This is a customer loyalty code. Show it to the staff to collect points.",
    "answer_accepted": "✅ You joined {program} at {business}.",
    "answer_rejected": "You declined the invitation to {program} at {business}.",
    "answer_approved": "✅ Approved: −{amount} points at {business}. New balance: {balance}.",
    "answer_refused": "You rejected the request of {business}. Nothing was deducted.",
    "answer_insufficient": "Not enough points now; nothing was deducted at {business}.",
    "cat_points_added": "Points added",
    "cat_points_deducted": "Points deducted",
    "cat_qr_scanned": "QR scanned",
    "cat_enrollment_result": "Enrollment results",
    "cat_deduction_result": "Deduction results",
    "cat_reward_reached": "Rewards reached",
    "cat_reminder": "Reminders",
    "cat_business_news": "Business news",
}
