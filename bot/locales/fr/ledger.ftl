## Mots des motifs de mouvement (`domain.models.LedgerReason`), affichés à côté de chaque mouvement.

reason_scan = visite
reason_manual = ajouté par le personnel
reason_undo = annulé
reason_deduction = déduit
reason_redemption = récompense obtenue
reason_adjust = correction
reason_with_note = { $reason } ({ $note })
