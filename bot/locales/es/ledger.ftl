## Palabras para los motivos de los movimientos (`domain.models.LedgerReason`), junto a cada movimiento.

reason_scan = visita
reason_manual = añadido por el personal
reason_undo = deshecho
reason_deduction = descontado
reason_redemption = recompensa canjeada
reason_adjust = corrección
reason_with_note = { $reason } ({ $note })
