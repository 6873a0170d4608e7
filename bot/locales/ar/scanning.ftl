## نصوص يراها الموظفون عند المسح والتعامل مع بطاقة ممسوحة.

scan_awarded =
    ✅ { $customer }: +{ $points } { $kind ->
        [stamps] { $points ->
            [zero] ختم
            [one] ختم
            [two] ختمان
            [few] أختام
            [many] ختمًا
           *[other] ختم
        }
       *[points] { $points ->
            [zero] نقطة
            [one] نقطة
            [two] نقطتان
            [few] نقاط
            [many] نقطة
           *[other] نقطة
        }
    } في { $program }.
    الرصيد: { $balance } (المكافأة عند بلوغ { $threshold }).
scan_reward_ready = 🎁 يستطيع { $customer } استبدال { $reward } الآن.
scan_not_enrolled = 👤 { $customer } ليس في { $program } بعد: أرسلت إليه دعوة.
scan_not_enrolled_pending = 👤 { $customer } ليس في { $program } بعد، ولديه دعوة بانتظار ردّه.
scan_not_enrolled_declined = 👤 { $customer } ليس في { $program }، وقد طلب ألّا تدعوه الآن. يمكنه الانضمام متى شاء عبر رابط البرنامج.
scan_duplicate = ↪️ محتسبة من قبل: مُسح رمز { $customer } للتو. الرصيد: { $balance }.
scan_capped = ⛔ بلغ { $customer } الحد اليومي في { $program }. الرصيد: { $balance }.
scan_invalid = ❌ هذا الرمز غير صالح.
scan_forged = ❌ هذا الرمز مزوّر أو معدّل. لم تُضف أي نقاط.
scan_expired = ⌛ انتهت صلاحية هذا الرمز. اطلب من العميل فتح «رمزي» مجددًا.
scan_revoked = ❌ استُبدل هذا الرمز برمز أحدث. اطلب من العميل فتح «رمزي».
qr_which = أرى في هذه الصورة { $count ->
        [zero] { $count } رمز
        [one] رمز واحد
        [two] رمزان
        [few] { $count } رموز
        [many] { $count } رمزًا
       *[other] { $count } رمز
    } للعملاء. أيّها تريد مسحه؟
qr_pick = الرمز { $n } (بالعدّ من الأعلى)
code_usage = أرسل رمز العميل هكذا: /code K7QX-4M2P
undone = ↩️ تم التراجع: −{ $points } { $kind ->
        [stamps] { $points ->
            [zero] ختم
            [one] ختم
            [two] ختمان
            [few] أختام
            [many] ختمًا
           *[other] ختم
        }
       *[points] { $points ->
            [zero] نقطة
            [one] نقطة
            [two] نقطتان
            [few] نقاط
            [many] نقطة
           *[other] نقطة
        }
    }. الرصيد: { $balance }.
undo_already = تم التراجع عن هذه الإضافة من قبل.
added = ✅ +{ $points } { $kind ->
        [stamps] { $points ->
            [zero] ختم
            [one] ختم
            [two] ختمان
            [few] أختام
            [many] ختمًا
           *[other] ختم
        }
       *[points] { $points ->
            [zero] نقطة
            [one] نقطة
            [two] نقطتان
            [few] نقاط
            [many] نقطة
           *[other] نقطة
        }
    }. الرصيد: { $balance }.
ask_amount_add = كم تريد أن تضيف؟ أرسل رقمًا (أو /cancel).
ask_amount_deduct = كم تريد أن تخصم؟ أرسل رقمًا (أو /cancel).
request_sent_deduction = 📨 أُرسل إلى العميل للموافقة: −{ $amount }.
btn_undo = ↩️ تراجع
btn_other_amount = كمية أخرى
btn_redeem = 🎁 استبدال المكافأة
btn_deduct = ➖ خصم
