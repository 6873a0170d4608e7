## Texts of the customer side: start, QR, cards, history, requests, settings, help.

btn_qr = 📱 My QR
btn_cards = 💳 My cards
btn_history = 📜 History
btn_requests = 📨 Requests
btn_settings = ⚙️ Settings
btn_help = ❓ Help

welcome =
    Welcome, { $name }! 👋

    Show your QR code at the counter to collect points. Use the buttons below to see your code, your cards and your history.
help =
    How it works:
    • { $qr }: show this code to the staff; they scan it and you get points.
    • { $cards }: your loyalty cards and balances.
    • { $history }: your latest points.
    • { $requests }: invitations and deductions waiting for your answer.
    • { $settings }: choose which messages you get.
    • /newqr: replace your code if someone else has a photo of it.

    Business owners: /newbusiness registers your business; /bhelp lists staff commands.
qr_caption =
    { $name }, show this code at the counter.
    If the camera fails, staff can type the code: { $code }
qr_renewed = Your old code no longer works. Here is your new one:
cards_empty =
    You have no loyalty cards yet.
    Show your QR code at a participating business, or open a program's join link.
cards_header = Your cards:
card_line_points =
    🏪 { $business } · { $program }
       { $balance } { $kind ->
        [stamps] { $balance ->
            [one] stamp
           *[other] stamps
        }
       *[points] { $balance ->
            [one] point
           *[other] points
        }
    } · { $progress }
card_line_stamps =
    🏪 { $business } · { $program }
       { $stamps } { $balance }/{ $threshold } · { $progress }
progress_left = { $left } { $kind ->
        [stamps] { $left ->
            [one] stamp
           *[other] stamps
        }
       *[points] { $left ->
            [one] point
           *[other] points
        }
    } to go for { $reward }
progress_ready = 🎁 { $reward } is ready! Ask the staff.
history_empty = No points yet.
history_header = Latest points:
history_card = 🏪 { $business } · { $program } (balance { $balance })
history_line = { $when } { $delta } { $reason }
history_none = nothing yet
requests_empty = No requests waiting for your answer.
settings_header = Messages you get (tap to switch):
settings_saved = Saved.
joined_program = You joined { $program } at { $business }. Your card: { $number }.
already_in_program = You already have a card in { $program } at { $business }.
staff_joined_you = You are now staff of { $business }. Send /bhelp to see your commands.
staff_already = You are already staff of { $business }.
own_qr_opened = This is a customer loyalty code. Show it to the staff to collect points.
answer_accepted = ✅ You joined { $program } at { $business }.
answer_rejected = You declined the invitation to { $program } at { $business }.
answer_approved = ✅ Approved: −{ $amount } at { $business }. New balance: { $balance }.
answer_refused = You rejected the request of { $business }. Nothing was deducted.
answer_insufficient = Not enough on your card now; nothing was deducted at { $business }.
cat_points_added = Points added
cat_points_deducted = Points deducted
cat_qr_scanned = QR scanned
cat_enrollment_result = Enrollment results
cat_deduction_result = Deduction results
cat_reward_reached = Rewards reached
cat_reminder = Reminders
cat_business_news = Business news
btn_accept = ✅ Accept
btn_approve = ✅ Approve
btn_reject = ❌ Reject
btn_language = 🌐 Language: { $language }
language_header = Choose the language I speak to you:
language_chosen = From now on I speak English.
