## Texts staff see when scanning and acting on a scanned card.

scan_awarded =
    ✅ { $customer }: +{ $points } { $kind ->
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
scan_reward_ready = 🎁 { $customer } can redeem { $reward } now.
scan_not_enrolled = 👤 { $customer } is not in { $program } yet: I sent them an invitation.
scan_not_enrolled_pending = 👤 { $customer } is not in { $program } yet and has a pending invitation.
scan_not_enrolled_declined = 👤 { $customer } is not in { $program } and asked not to be invited by you for now. They can join with the program's link whenever they like.
scan_duplicate = ↪️ Already counted: { $customer } was just scanned. Balance: { $balance }.
scan_capped = ⛔ { $customer } reached today's limit in { $program }. Balance: { $balance }.
scan_invalid = ❌ This code is not valid.
scan_forged = ❌ This code is forged or altered. No points were added.
scan_expired = ⌛ This code has expired. Ask the customer to open “My QR” again.
scan_revoked = ❌ This code was replaced by a newer one. Ask the customer to open “My QR”.
qr_which = I see { $count } customer codes in this photo. Which one do you want to scan?
qr_pick = Code { $n } (counting from the top)
code_usage = Send the customer's code like this: /code K7QX-4M2P
undone = ↩️ Undone: −{ $points } { $kind ->
        [stamps] { $points ->
            [one] stamp
           *[other] stamps
        }
       *[points] { $points ->
            [one] point
           *[other] points
        }
    }. Balance: { $balance }.
undo_already = This award was already undone.
added = ✅ +{ $points } { $kind ->
        [stamps] { $points ->
            [one] stamp
           *[other] stamps
        }
       *[points] { $points ->
            [one] point
           *[other] points
        }
    }. Balance: { $balance }.
ask_amount_add = How many to add? Send a number (or “cancel”).
ask_amount_deduct = How many to deduct? Send a number (or “cancel”).
request_sent_deduction = 📨 Sent to the customer for approval: −{ $amount }.
btn_undo = ↩️ Undo
btn_other_amount = Other amount
btn_redeem = 🎁 Redeem reward
btn_deduct = ➖ Deduct
