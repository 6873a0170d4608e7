## نصوص مفاتيح DomainError وحالات الرفض الأخرى.

error = حدث خطأ ما. يُرجى المحاولة مرة أخرى.
not_found = غير موجود.
not_allowed = لا يمكنك القيام بذلك.
invalid_input = يبدو أن في ما أرسلته خطأً.
not_staff = هذا متاح لفريق عمل هذا المتجر فقط.
not_owner = هذا متاح لمالك المتجر فقط.
business_not_found = هذا المتجر غير موجود.
business_suspended = هذا المتجر موقوف.
program_not_found = هذا البرنامج غير موجود (أو يتبع متجرًا آخر).
program_inactive = هذا البرنامج لم يعد فعّالًا.
no_default_program = لا يوجد برنامج فعّال لإضافة النقاط فيه. أنشئ برنامجًا بالأمر /newprogram.
card_not_found = هذه البطاقة غير موجودة (أو تتبع متجرًا آخر).
customer_not_found = لا أعرف هذا العميل بعد. اطلب منه فتح البوت والضغط على «ابدأ».
entry_not_found = لا يوجد هنا ما يمكن التراجع عنه.
invite_not_found = رابط الدعوة هذا غير صالح (ربما تم استبداله).
staff_not_found = هذا الشخص ليس من فريق العمل هنا.
cannot_remove_owner = لا يمكن إزالة المالك.
already_enrolled = لدى هذا العميل بطاقة في هذا البرنامج بالفعل.
amount_not_integer = يجب أن تكون الكمية عددًا صحيحًا، مثل 5.
amount_not_positive = يجب أن تكون الكمية أكبر من صفر.
amount_too_large = هذه الكمية كبيرة جدًا (الحد الأقصى { $maximum }).
insufficient_balance = رصيد البطاقة غير كافٍ: الرصيد { $balance } والمطلوب { $needed }.
daily_cap_reached = تم بلوغ الحد اليومي لهذه البطاقة (المتبقي اليوم: { $room }).
request_not_found = هذا الطلب غير موجود.
not_your_request = هذا الطلب ليس موجّهًا إليك.
request_approved = تمت الموافقة على هذا الطلب من قبل.
request_rejected = تم رفض هذا الطلب من قبل.
request_expired = انتهت صلاحية هذا الطلب.
request_cancelled = تم إلغاء هذا الطلب.
request_already_pending = لم يردّ العميل على الطلب السابق بعد؛ انتظر ردّه أو انتهاء صلاحيته.
name_empty = لا يمكن أن يكون اسم { $what } فارغًا.
name_too_long = اسم { $what } طويل جدًا (الحد الأقصى { $maximum ->
        [zero] { $maximum } حرف
        [one] حرف واحد
        [two] حرفان
        [few] { $maximum } أحرف
        [many] { $maximum } حرفًا
       *[other] { $maximum } حرف
    }).
reason_too_long = السبب طويل جدًا (الحد الأقصى { $maximum ->
        [zero] { $maximum } حرف
        [one] حرف واحد
        [two] حرفان
        [few] { $maximum } أحرف
        [many] { $maximum } حرفًا
       *[other] { $maximum } حرف
    }).
daily_cap_below_scan = لا يمكن أن يكون الحد اليومي أقل من الكمية لكل مسح.
unknown_category = فئة إشعارات غير معروفة.
category_always_on = الطلبات التي تحتاج إلى ردّك تُرسل دائمًا.
stale_button = هذا الزر لم يعد صالحًا.
already_done = تم ذلك بالفعل.
unknown_command = لا أعرف هذا الأمر. أرسل /help لترى ما يمكنني فعله.
text_too_long = هذه الرسالة طويلة جدًا بالنسبة لي؛ يُرجى اختصارها.
photo_not_staff = مسح الرموز متاح لموظفي المتاجر فقط. لعرض رمزك، اضغط «رمزي».
qr_none = لم أجد رمز QR في هذه الصورة. حاول مجددًا من مسافة أقرب ومع انعكاس أقل.
qr_not_ours = رمز QR هذا ليس رمز ولاء خاصًا بهذا البوت.
not_an_image = هذا الملف ليس صورة يمكنني قراءتها.
truncated_image = هذه الصورة ناقصة أو تالفة؛ يُرجى إرسالها مرة أخرى.
image_too_large = هذه الصورة كبيرة جدًا (الحد الأقصى 20 ميغابايت).
timeout = استغرقت قراءة الصورة وقتًا طويلًا؛ يُرجى إرسال صورة أوضح.
document_not_image = يُرجى إرسال رمز QR كصورة، لا كملف.
unknown_language = لا أتحدث هذه اللغة بعد.
bad_time_zone = لا أعرف المنطقة الزمنية «{ $zone }». استخدم اسمًا مثل Africa/Casablanca أو Asia/Riyadh.
