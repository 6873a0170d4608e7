## كلمات أسباب الحركات في السجل (`domain.models.LedgerReason`)، تظهر بجانب كل حركة.

reason_scan = زيارة
reason_manual = إضافة من الموظفين
reason_undo = تم التراجع
reason_deduction = خصم
reason_redemption = استبدال مكافأة
reason_adjust = تصحيح
reason_with_note = { $reason } ({ $note })
