## Rewards ladder: owners' controls under /programs, staff's choice of reward, customers' answers.

ladder_rung = { $reward }: { $cost } { $kind ->
        [stamps] { $cost ->
            [one] stamp
           *[other] stamps
        }
       *[points] { $cost ->
            [one] point
           *[other] points
        }
    }
ladder_line = {"   "}🎁 { $rewards }
ladder_none = no reward yet
ladder_title = 🎁 Rewards of #{ $id } { $program }:
ladder_row = { $n }. { $rung }
ladder_keeps = Redeeming keeps the stamps: each reward is given once per card.
ladder_consumes = Redeeming spends the { $kind ->
        [stamps] stamps
       *[points] points
    } of the reward.
ladder_help = ➕ adds a reward, ✏️ renames or re-costs one, ❌ removes one. Costs rise along the ladder.
ladder_button = 🎁 Rewards of #{ $id }
ladder_add_button = ➕ Add a reward
ladder_edit_button = ✏️ { $reward }
ladder_remove_button = ❌ { $reward }
ladder_keep_on = Stamps kept on redemption ✅ (tap to spend them)
ladder_keep_off = Stamps spent on redemption (tap to keep them)
ladder_ask_add = Send the new reward in one line, its cost then its name, for example: 10 Coffee
ladder_ask_edit = { $reward } costs { $cost } now. Send a new cost (a number), a new name, or both (for example: 12 Big coffee).
ladder_confirm_remove = Remove { $rung }? It will no longer be offered, and requests waiting for it will be refused.
ladder_remove_yes = ❌ Yes, remove { $reward }
ladder_added = ✅ { $reward } added at { $cost }.
ladder_renamed = ✅ { $before } is now { $reward } (cost { $cost }).
ladder_recosted = ✅ { $reward } now costs { $cost } (it was { $before_cost }).
ladder_removed = ✅ { $reward } removed.
ladder_kept = ✅ Redeeming now keeps the stamps; each reward is given once per card.
ladder_consumed = ✅ Redeeming now spends the stamps.
ladder_empty = A program needs at least one reward: add another before removing this one. Nothing was changed.
ladder_too_long = A program has at most { $maximum } rewards. Nothing was changed.
ladder_costs_not_increasing = Costs must rise along the ladder: { $reward } at { $cost } is not above { $previous }. Nothing was changed.
reward_line_usage = Send a cost and a name, for example: 10 Coffee
reward_not_found = That reward is no longer offered.
reward_already_given = { $reward } was already given on this card: this program keeps the stamps and gives each reward once.
keep_stamps_only = Only a stamps program can keep the stamps on redemption.
redeem_choose = 🎁 Which reward? Balance: { $balance } { $kind ->
        [stamps] { $balance ->
            [one] stamp
           *[other] stamps
        }
       *[points] { $balance ->
            [one] point
           *[other] points
        }
    }.
redeem_reward_button = 🎁 { $reward } ({ $cost })
redeem_none = Not enough yet: the balance is { $balance } { $kind ->
        [stamps] { $balance ->
            [one] stamp
           *[other] stamps
        }
       *[points] { $balance ->
            [one] point
           *[other] points
        }
    }; the first reward is { $rung }.
redeem_none_left = Every reward was already given on this card.
request_sent_reward = 📨 Sent to the customer for approval: { $reward }.
reward_request =
    🎁 { $business } asks to redeem { $reward } for { $amount } { $kind ->
        [stamps] { $amount ->
            [one] stamp
           *[other] stamps
        }
       *[points] { $amount ->
            [one] point
           *[other] points
        }
    } from { $program }.
    Your balance: { $balance }. Approve?
reward_request_kept =
    🎁 { $business } asks you to confirm that you receive { $reward } from { $program }.
    Your { $balance } { $kind ->
        [stamps] { $balance ->
            [one] stamp
           *[other] stamps
        }
       *[points] { $balance ->
            [one] point
           *[other] points
        }
    } stay on the card. Approve?
answer_reward_redeemed = 🎁 Enjoy your { $reward } at { $business }! Balance: { $balance }.
answer_reward_removed = { $business } no longer offers { $reward }; nothing was deducted.
progress_all_given = 🏁 Every reward collected!
reward_redeemed = 🎁 { $customer } redeemed { $reward }. Balance: { $balance }.
redemption_reward_removed = ⚠️ { $customer } approved { $reward }, but it was removed meanwhile: nothing was deducted.
