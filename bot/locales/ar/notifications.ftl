## نصوص رسائل outbox، حسب اسم القالب الذي يكتبه النطاق.

points_added =
    ☕ { $business }: +{ $points } { $kind ->
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
points_undone = ↩️ { $business }: تم إلغاء { $kind ->
        [stamps] { $points ->
            [zero] { $points } ختم
            [one] ختم واحد
            [two] ختمين
            [few] { $points } أختام
            [many] { $points } ختمًا
           *[other] { $points } ختم
        }
       *[points] { $points ->
            [zero] { $points } نقطة
            [one] نقطة واحدة
            [two] نقطتين
            [few] { $points } نقاط
            [many] { $points } نقطة
           *[other] { $points } نقطة
        }
    }. الرصيد: { $balance }.
reward_reached = 🎁 استحققت { $reward } لدى { $business }! اطلب من الموظفين استبدالها.
qr_scanned_again = مُسح رمزك مرة أخرى لدى { $business }؛ هذه الزيارة احتُسبت من قبل.
qr_scanned_capped = مُسح رمزك لدى { $business }، لكنك بلغت الحد اليومي.
enrollment_request =
    🏪 يدعوك { $business } إلى { $program }.
    اجمع { $kind ->
        [stamps] الأختام
       *[points] النقاط
    } في كل زيارة؛ وعند بلوغ { $threshold } تحصل على { $reward }.
    هل تنضم؟
enrollment_request_short = 🏪 يدعوك { $business } إلى { $program }. هل تنضم؟
deduction_request =
    🏪 يطلب { $business } خصم { $kind ->
        [stamps] { $amount ->
            [zero] { $amount } ختم
            [one] ختم واحد
            [two] ختمين
            [few] { $amount } أختام
            [many] { $amount } ختمًا
           *[other] { $amount } ختم
        }
       *[points] { $amount ->
            [zero] { $amount } نقطة
            [one] نقطة واحدة
            [two] نقطتين
            [few] { $amount } نقاط
            [many] { $amount } نقطة
           *[other] { $amount } نقطة
        }
    } من { $program }{ $reason_suffix }.
    رصيدك: { $balance }. هل توافق؟
enrollment_expired = انتهت صلاحية الدعوة إلى { $program } لدى { $business }.
deduction_expired = انتهت صلاحية طلب { $business } لخصم { $kind ->
        [stamps] { $amount ->
            [zero] { $amount } ختم
            [one] ختم واحد
            [two] ختمين
            [few] { $amount } أختام
            [many] { $amount } ختمًا
           *[other] { $amount } ختم
        }
       *[points] { $amount ->
            [zero] { $amount } نقطة
            [one] نقطة واحدة
            [two] نقطتين
            [few] { $amount } نقاط
            [many] { $amount } نقطة
           *[other] { $amount } نقطة
        }
    }.
redemption_expired = انتهت صلاحية طلب { $business } لاستبدال مكافأة.
enrollment_reminder = تذكير: دعاك { $business } إلى { $program }. هل تنضم؟
reward_near = زيارة واحدة فقط إلى { $business } وتحصل على { $reward }!
we_miss_you = اشتقنا إليك في { $business }! رصيدك في { $program } هو { $balance }.
business_news = 📣 { $business }: { $text }
staff_joined = 👤 انضم { $name } إلى فريق عمل { $business }.
enrollment_approved = ✅ انضم { $customer } إلى { $program }.
enrollment_rejected = ❌ رفض { $customer } الدعوة إلى { $program }.
deduction_approved = ✅ وافق { $customer } على خصم { $kind ->
        [stamps] { $amount ->
            [zero] { $amount } ختم
            [one] ختم واحد
            [two] ختمين
            [few] { $amount } أختام
            [many] { $amount } ختمًا
           *[other] { $amount } ختم
        }
       *[points] { $amount ->
            [zero] { $amount } نقطة
            [one] نقطة واحدة
            [two] نقطتين
            [few] { $amount } نقاط
            [many] { $amount } نقطة
           *[other] { $amount } نقطة
        }
    }. الرصيد الجديد: { $balance }.
deduction_rejected = ❌ رفض { $customer } خصم { $kind ->
        [stamps] { $amount ->
            [zero] { $amount } ختم
            [one] ختم واحد
            [two] ختمين
            [few] { $amount } أختام
            [many] { $amount } ختمًا
           *[other] { $amount } ختم
        }
       *[points] { $amount ->
            [zero] { $amount } نقطة
            [one] نقطة واحدة
            [two] نقطتين
            [few] { $amount } نقاط
            [many] { $amount } نقطة
           *[other] { $amount } نقطة
        }
    }.
deduction_cancelled = ⚠️ وافق { $customer }، لكن الرصيد لم يعد كافيًا.
redemption_rejected = ❌ رفض { $customer } الاستبدال.
redemption_cancelled = ⚠️ وافق { $customer }، لكن الرصيد لم يعد كافيًا.
owner_digest = 📊 { $business } أمس: { $scans ->
        [zero] { $scans } عملية مسح
        [one] عملية مسح واحدة
        [two] عمليتا مسح
        [few] { $scans } عمليات مسح
        [many] { $scans } عملية مسح
       *[other] { $scans } عملية مسح
    }، النقاط الممنوحة: { $issued }، المكافآت المستبدلة: { $redeemed }، { $new ->
        [zero] { $new } عميل جديد
        [one] عميل جديد واحد
        [two] عميلان جديدان
        [few] { $new } عملاء جدد
        [many] { $new } عميلًا جديدًا
       *[other] { $new } عميل جديد
    }.
broadcast_usage = اكتب الخبر بعد الأمر: /broadcast كرواسون طازج اليوم!
broadcast_text = يجب أن يكون طول الخبر من 1 إلى { $limit ->
        [zero] { $limit } حرف
        [one] حرف واحد
        [two] حرفين
        [few] { $limit } أحرف
        [many] { $limit } حرفًا
       *[other] { $limit } حرف
    }.
broadcast_progress = 📣 جارٍ الإرسال… تم إرسال { $sent } / { $total }
broadcast_done = 📣 انتهى البث: تم الإرسال: { $sent }، حظروا البوت: { $blocked }، فشل: { $failed }، أوقفوا الأخبار: { $suppressed }.
broadcast_stopped = 📣 البث مستمر: حتى الآن تم الإرسال: { $sent }، حظروا البوت: { $blocked }، فشل: { $failed }.
reason_suffix = {" "}({ $reason })
