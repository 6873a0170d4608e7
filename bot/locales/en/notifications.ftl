## Texts of outbox messages, by the template name the domain writes.

points_added =
    ☕ { $business }: +{ $points } { $kind ->
        [stamps] { $points ->
            [one] stamp
           *[other] stamps
        }
       *[points] { $points ->
            [one] point
           *[other] points
        }
    } in { $program }.
    Balance: { $balance } (reward at { $threshold }).
points_undone = ↩️ { $business }: { $points } { $kind ->
        [stamps] { $points ->
            [one] stamp
           *[other] stamps
        }
       *[points] { $points ->
            [one] point
           *[other] points
        }
    } taken back. Balance: { $balance }.
reward_reached = 🎁 You reached { $reward } at { $business }! Ask the staff to redeem it.
qr_scanned_again = { $business } scanned your QR again; this visit was already counted.
qr_scanned_capped = { $business } scanned your QR; today's limit is reached.
enrollment_request =
    🏪 { $business } invites you to { $program }.
    Collect { $kind ->
        [stamps] stamps
       *[points] points
    } on each visit; at { $threshold } you get { $reward }.
    Join?
enrollment_request_short = 🏪 { $business } invites you to { $program }. Join?
deduction_request =
    🏪 { $business } asks to deduct { $amount } { $kind ->
        [stamps] { $amount ->
            [one] stamp
           *[other] stamps
        }
       *[points] { $amount ->
            [one] point
           *[other] points
        }
    } from { $program }{ $reason_suffix }.
    Your balance: { $balance }. Approve?
enrollment_expired = The invitation to { $program } at { $business } has expired.
deduction_expired = The request of { $business } to deduct { $amount } { $kind ->
        [stamps] { $amount ->
            [one] stamp
           *[other] stamps
        }
       *[points] { $amount ->
            [one] point
           *[other] points
        }
    } has expired.
redemption_expired = The request of { $business } to redeem a reward has expired.
enrollment_reminder = Reminder: { $business } invited you to { $program }. Join?
reward_near = Just one more visit to { $business } for { $reward }!
we_miss_you = We miss you at { $business }! Your balance in { $program } is { $balance }.
business_news = 📣 { $business }: { $text }
staff_joined = 👤 { $name } joined { $business } as staff.
enrollment_approved = ✅ { $customer } joined { $program }.
enrollment_rejected = ❌ { $customer } declined the invitation to { $program }.
deduction_approved = ✅ { $customer } approved −{ $amount } { $kind ->
        [stamps] { $amount ->
            [one] stamp
           *[other] stamps
        }
       *[points] { $amount ->
            [one] point
           *[other] points
        }
    }. New balance: { $balance }.
deduction_rejected = ❌ { $customer } rejected the deduction of { $amount } { $kind ->
        [stamps] { $amount ->
            [one] stamp
           *[other] stamps
        }
       *[points] { $amount ->
            [one] point
           *[other] points
        }
    }.
deduction_cancelled = ⚠️ { $customer } approved, but the balance no longer suffices.
redemption_rejected = ❌ { $customer } rejected the redemption.
redemption_cancelled = ⚠️ { $customer } approved, but the balance no longer suffices.
owner_digest = 📊 { $business } yesterday: { $scans ->
        [one] { $scans } scan
       *[other] { $scans } scans
    }, { $issued } issued, { $redeemed ->
        [one] { $redeemed } reward redeemed
       *[other] { $redeemed } rewards redeemed
    }, { $new ->
        [one] { $new } new customer
       *[other] { $new } new customers
    }.
broadcast_usage = Write the news after the command: /broadcast Fresh croissants today!
broadcast_text = The news must be 1 to { $limit } characters long.
broadcast_progress = 📣 Sending… sent { $sent } / { $total }
broadcast_done = 📣 Broadcast finished: { $sent } sent, { $blocked } blocked the bot, { $failed } failed, { $suppressed } switched news off.
broadcast_stopped = 📣 Broadcast still going: { $sent } sent, { $blocked } blocked the bot, { $failed } failed so far.
reason_suffix = {" "}({ $reason })
