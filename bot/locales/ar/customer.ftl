## نصوص جهة العميل: البدء، رمز QR، البطاقات، السجل، الطلبات، الإعدادات، المساعدة.

btn_qr = 📱 رمزي
btn_cards = 💳 بطاقاتي
btn_history = 📜 السجل
btn_requests = 📨 الطلبات
btn_settings = ⚙️ الإعدادات
btn_help = ❓ المساعدة

welcome =
    أهلًا بك يا { $name }! 👋

    اعرض رمز QR الخاص بك عند الكاشير لتجمع النقاط. استخدم الأزرار أدناه لعرض رمزك وبطاقاتك وسجلك.
help =
    طريقة العمل:
    • { $qr }: اعرض هذا الرمز على الموظفين؛ يمسحونه فتحصل على النقاط.
    • { $cards }: بطاقات الولاء وأرصدتك.
    • { $history }: آخر نقاطك.
    • { $requests }: الدعوات وطلبات الخصم التي تنتظر ردّك.
    • { $settings }: اختر الرسائل التي تصلك.
    • /newqr: استبدل رمزك إن كانت لدى شخص آخر صورة منه.

    لأصحاب المتاجر: /newbusiness لتسجيل متجرك، و/bhelp لعرض أوامر الموظفين.
qr_caption =
    { $name }، اعرض هذا الرمز عند الكاشير.
    إن لم تعمل الكاميرا، يمكن للموظف إدخال الرمز يدويًا: { $code }
qr_renewed = رمزك القديم لم يعد صالحًا. إليك رمزك الجديد:
cards_empty =
    لا توجد لديك بطاقات ولاء بعد.
    اعرض رمز QR الخاص بك في متجر مشارك، أو افتح رابط الانضمام إلى أحد البرامج.
cards_header = بطاقاتك:
card_line_points =
    🏪 { $business } · { $program }
       { $kind ->
        [stamps] { $balance ->
            [zero] { $balance } ختم
            [one] ختم واحد
            [two] ختمان
            [few] { $balance } أختام
            [many] { $balance } ختمًا
           *[other] { $balance } ختم
        }
       *[points] { $balance ->
            [zero] { $balance } نقطة
            [one] نقطة واحدة
            [two] نقطتان
            [few] { $balance } نقاط
            [many] { $balance } نقطة
           *[other] { $balance } نقطة
        }
    } · { $progress }
card_line_stamps =
    🏪 { $business } · { $program }
       { $stamps } { $balance }/{ $threshold } · { $progress }
progress_left = بقي { $left } { $kind ->
        [stamps] { $left ->
            [zero] ختم
            [one] ختم
            [two] ختمان
            [few] أختام
            [many] ختمًا
           *[other] ختم
        }
       *[points] { $left ->
            [zero] نقطة
            [one] نقطة
            [two] نقطتان
            [few] نقاط
            [many] نقطة
           *[other] نقطة
        }
    } للحصول على { $reward }
progress_ready = 🎁 مكافأتك { $reward } جاهزة! اطلبها من الموظفين.
history_empty = لا توجد نقاط بعد.
history_header = آخر النقاط:
history_card = 🏪 { $business } · { $program } (الرصيد { $balance })
history_line = { $when } { $delta } { $reason }
history_none = لا شيء بعد
requests_empty = لا توجد طلبات تنتظر ردّك.
settings_header = الرسائل التي تصلك (اضغط للتبديل):
settings_saved = تم الحفظ.
joined_program = انضممت إلى { $program } لدى { $business }. رقم بطاقتك: { $number }.
already_in_program = لديك بالفعل بطاقة في { $program } لدى { $business }.
staff_joined_you = أصبحت الآن من فريق عمل { $business }. أرسل /bhelp لعرض أوامرك.
staff_already = أنت بالفعل من فريق عمل { $business }.
own_qr_opened = هذا رمز ولاء خاص بعميل. اعرضه على الموظفين لتجمع النقاط.
answer_accepted = ✅ انضممت إلى { $program } لدى { $business }.
answer_rejected = رفضت الدعوة إلى { $program } لدى { $business }.
answer_approved = ✅ تمت الموافقة: −{ $amount } لدى { $business }. الرصيد الجديد: { $balance }.
answer_refused = رفضت طلب { $business }. لم يُخصم أي شيء.
answer_insufficient = رصيد بطاقتك غير كافٍ الآن؛ لم يُخصم أي شيء لدى { $business }.
cat_points_added = إضافة النقاط
cat_points_deducted = خصم النقاط
cat_qr_scanned = مسح رمز QR
cat_enrollment_result = نتائج الدعوات
cat_deduction_result = نتائج طلبات الخصم
cat_reward_reached = المكافآت المستحقة
cat_reminder = التذكيرات
cat_business_news = أخبار المتاجر
btn_accept = ✅ قبول
btn_approve = ✅ موافقة
btn_reject = ❌ رفض
btn_language = 🌐 اللغة: { $language }
language_header = اختر اللغة التي أتحدث بها معك:
language_chosen = من الآن فصاعدًا أتحدث العربية.
