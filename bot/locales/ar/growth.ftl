## أدوات النمو: روابط دعوة الأصدقاء والرموز الترويجية (domain.growth).

cmd_refer = ادعُ صديقًا
cmd_promo = أدخل رمزًا ترويجيًا
cmd_newpromo = رموز ترويجية للعملاء

reason_referral = مكافأة دعوة صديق
reason_promo = رمز ترويجي

# /refer: روابط «ادعُ صديقًا» الخاصة بالعميل
referral_links_title = 👋 ادعُ صديقًا. عندما ينضم عبر رابطك ويقوم بأول زيارة له، تحصلان كلاكما على مكافأة:
referral_link_line =
    🏪 { $business }: +{ $bonus } { $kind ->
        [stamps] { $bonus ->
            [zero] ختم
            [one] ختم
            [two] ختمان
            [few] أختام
            [many] ختمًا
           *[other] ختم
        }
       *[points] { $bonus ->
            [zero] نقطة
            [one] نقطة
            [two] نقطتان
            [few] نقاط
            [many] نقطة
           *[other] نقطة
        }
    } لكل منكما
    { $link }
referral_links_none = لا يقدّم أيّ من الأماكن التي لديك بطاقة فيها مكافأة على دعوة الأصدقاء بعد.

# صديق فتح رابط دعوة
referral_joined =
    ✅ انضممت إلى { $program } في { $business } بدعوة من صديق. رقم البطاقة: { $number }.
    في زيارتك الأولى تحصلان كلاكما على +{ $bonus } { $kind ->
        [stamps] { $bonus ->
            [zero] ختم
            [one] ختم
            [two] ختمان
            [few] أختام
            [many] ختمًا
           *[other] ختم
        }
       *[points] { $bonus ->
            [zero] نقطة
            [one] نقطة
            [two] نقطتان
            [few] نقاط
            [many] نقطة
           *[other] نقطة
        }
    }.
referral_joined_no_bonus = ✅ انضممت إلى { $program } في { $business } بدعوة من صديق. رقم البطاقة: { $number }.
referral_link_unknown = رابط الدعوة هذا لا يعمل: ربما لم يعد المكان موجودًا، أو نُسخ الرابط بشكل خاطئ.
referral_own_link = هذا رابط دعوتك أنت: أرسله إلى صديق بدلًا من ذلك.
referral_already_referred = سبق أن دعاك صديق إلى هذا المكان؛ الدعوة تُحتسب مرة واحدة فقط.
referral_not_new = أنت عميل لهذا المكان بالفعل: الدعوات مخصّصة للعملاء الجدد.

# رسائل عند تسوية الدعوة بأول زيارة للصديق
referral_rewarded_friend =
    🎁 { $business }: +{ $points } { $kind ->
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
    } مكافأة ترحيب في { $program } لانضمامك بدعوة من صديق.
    الرصيد: { $balance }.
referral_rewarded_referrer =
    🎁 { $business }: قام صديقك { $friend } بأول زيارة له. +{ $points } { $kind ->
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
    الرصيد: { $balance }.

# /editprogram ID referral_bonus N | referral_cap N
referral_terms_set =
    { $program }: يحصل العميل الداعي والصديق المدعو على +{ $bonus } { $kind ->
        [stamps] { $bonus ->
            [zero] ختم
            [one] ختم
            [two] ختمان
            [few] أختام
            [many] ختمًا
           *[other] ختم
        }
       *[points] { $bonus ->
            [zero] نقطة
            [one] نقطة
            [two] نقطتان
            [few] نقاط
            [many] نقطة
           *[other] نقطة
        }
    } لكل منهما عند أول زيارة للصديق.
    الحد الأقصى للدعوات المكافأة شهريًا لكل عميل: { $cap }.
referral_terms_no_cap =
    { $program }: يحصل العميل الداعي والصديق المدعو على +{ $bonus } { $kind ->
        [stamps] { $bonus ->
            [zero] ختم
            [one] ختم
            [two] ختمان
            [few] أختام
            [many] ختمًا
           *[other] ختم
        }
       *[points] { $bonus ->
            [zero] نقطة
            [one] نقطة
            [two] نقطتان
            [few] نقاط
            [many] نقطة
           *[other] نقطة
        }
    } لكل منهما عند أول زيارة للصديق.
    بلا حد شهري لكل عميل.
referral_terms_off = { $program }: لا مكافأة على الدعوات (روابط الدعوة لا تمنح شيئًا).

# /promo الرمز
promo_usage = أرسل الرمز بعد الأمر، مثلًا: /promo K7QXM-4M2PZ
promo_redeemed =
    🎟 { $business }: +{ $points } { $kind ->
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
    } في { $program } برمز ترويجي.
    الرصيد: { $balance }.
promo_enrolled = أصبحت لديك الآن بطاقة في { $program }.
promo_unknown = لا يوجد رمز ترويجي كهذا. تحقّق منه وحاول مرة أخرى.
promo_expired = انتهت صلاحية هذا الرمز الترويجي.
promo_used_up = نفدت استخدامات هذا الرمز الترويجي.
promo_already_used = لقد استخدمت هذا الرمز الترويجي من قبل.
promo_too_many_tries = رموز خاطئة كثيرة. حاول مرة أخرى بعد { $minutes } دقيقة.
promo_per_customer_over_total = لا يمكن أن تزيد الاستخدامات لكل عميل على مجموع الاستخدامات.

# /newpromo (المالك)
newpromo_usage =
    رموز ترويجية لبرنامجك الافتراضي:
    /newpromo batch العدد النقاط الأيام: رموز للاستخدام مرة واحدة (ملف CSV وورقة للطباعة)
    /newpromo shared النقاط الأيام المجموع [لكل_عميل]: رمز واحد يستخدمه كثيرون
    مثال: /newpromo batch 50 20 30
promo_batch_made = عدد الرموز الترويجية للاستخدام مرة واحدة: { $count }، +{ $points } { $kind ->
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
    } لكل رمز، صالحة حتى { $until }.
promo_csv_caption = الرموز الترويجية (CSV)
promo_sheet_caption = رموز ترويجية للطباعة والقص
promo_shared_made =
    رمز ترويجي مشترك { $code }: +{ $points } { $kind ->
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
    }؛ مجموع الاستخدامات: { $total }، لكل عميل: { $per }؛ صالح حتى { $until }.
    { $link }
promo_sheet_points = +{ $points } { $kind ->
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
    }
promo_sheet_until = صالح حتى { $until }
promo_sheet_hint = امسح الرمز، أو أرسل /promo والرمز إلى البوت
