## Слова для кодов причин в журнале (`domain.models.LedgerReason`), рядом с каждой операцией.

reason_scan = визит
reason_manual = начислено персоналом
reason_undo = отменено
reason_deduction = списано
reason_redemption = получена награда
reason_adjust = корректировка
reason_with_note = { $reason } ({ $note })
