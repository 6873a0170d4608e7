"""Texts of outbox messages, by the template name the domain writes."""

NOTIFICATIONS = {
    "points_added": (
        "☕ {business}: +{points} points in {program}.\nBalance: {balance} (reward at {threshold})."
    ),
    "points_undone": "↩️ {business}: {points} points were taken back. Balance: {balance}.",
    "reward_reached": "🎁 You reached {reward} at {business}! Ask the staff to redeem it.",
    "qr_scanned_again": "{business} scanned your QR again; points were already added.",
    "qr_scanned_capped": "{business} scanned your QR; today's points limit is reached.",
    "enrollment_request": (
        "🏪 {business} invites you to {program}.\n"
        "Collect points on each visit; at {threshold} you get {reward}.\nJoin?"
    ),
    "enrollment_request_short": "🏪 {business} invites you to {program}. Join?",
    "deduction_request": (
        "🏪 {business} asks to deduct {amount} points from {program}{reason_suffix}.\n"
        "Your balance: {balance}. Approve?"
    ),
    "redemption_request": (
        "🎁 {business} asks to redeem {reason} for {amount} points from {program}.\n"
        "Your balance: {balance}. Approve?"
    ),
    "enrollment_expired": "The invitation to {program} at {business} has expired.",
    "deduction_expired": "The request of {business} to deduct {amount} points has expired.",
    "redemption_expired": "The request of {business} to redeem {amount} points has expired.",
    "enrollment_reminder": "Reminder: {business} invited you to {program}. Join?",
    "reward_near": "Just one more visit to {business} for {reward}!",
    "we_miss_you": "We miss you at {business}! Your balance in {program} is {balance}.",
    "business_news": "📣 {business}: {text}",
    "staff_joined": "👤 {name} joined {business} as staff.",
    "enrollment_approved": "✅ {customer} joined {program}.",
    "enrollment_rejected": "❌ {customer} declined the invitation to {program}.",
    "deduction_approved": "✅ {customer} approved −{amount} points. New balance: {balance}.",
    "deduction_rejected": "❌ {customer} rejected the deduction of {amount} points.",
    "deduction_cancelled": "⚠️ {customer} approved, but the balance no longer suffices.",
    "redemption_approved": "🎁 {customer} redeemed {amount} points. New balance: {balance}.",
    "redemption_rejected": "❌ {customer} rejected the redemption.",
    "redemption_cancelled": "⚠️ {customer} approved, but the balance no longer suffices.",
    "owner_digest": (
        "📊 {business} yesterday: {scans} scans, {issued} points issued, {redeemed} redeemed, "
        "{new} new customers."
    ),
    "broadcast_usage": "Write the news after the command: /broadcast Fresh croissants today!",
    "broadcast_text": "The news must be 1 to {limit} characters long.",
    "broadcast_progress": "📣 Sending… sent {sent} / {total}",
    "broadcast_done": (
        "📣 Broadcast finished: {sent} sent, {blocked} blocked the bot, {failed} failed, "
        "{suppressed} switched news off."
    ),
    "broadcast_stopped": (
        "📣 Broadcast still going: {sent} sent, {blocked} blocked the bot, {failed} failed so far."
    ),
}
