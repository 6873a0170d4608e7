## Words for ledger reason codes (`domain.models.LedgerReason`), shown beside each movement.

reason_scan = visit
reason_manual = added by staff
reason_undo = undone
reason_deduction = deducted
reason_redemption = reward redeemed
reason_adjust = correction
reason_with_note = { $reason } ({ $note })
