## نصوص جهة المتجر: أوامر الموظفين، البرامج، عمليات المسح، العملاء.

biz_ask_name = ما اسم متجرك؟ أرسل الاسم (أو /cancel).
biz_created =
    🏪 تم تسجيل { $business } وأنت مالكه.
    الخطوة التالية: أنشئ برنامج ولاء بالأمر /newprogram (أو /bhelp لعرض كل أوامر الموظفين).
cancelled = تم الإلغاء.
biz_list_header = أنت تعمل لدى هذه المتاجر. اختر المتجر الذي تعمل باسمه:
biz_list_line = { $marker } { $business } ({ $role })
biz_chosen = أنت الآن تعمل باسم { $business }.
staff_header =
    👥 فريق عمل { $business }
    ادعُ الموظفين بهذا الرابط (كل من يفتحه ينضم إلى فريق العمل):
    { $link }
staff_line = • { $name } ({ $role })
staff_removed = ✅ تمت الإزالة من فريق العمل.
staff_remove_button = إزالة { $name }
bhelp =
    أوامر الموظفين
    📷 أرسل صورة رمز QR الخاص بالعميل لإضافة النقاط، أو /code K7QX-4M2P.
    /customers: عملاؤنا مع سجلّ كل منهم
    /invite K7QX-4M2P: دعوة عميل إلى البرنامج الافتراضي
    /stats: عمليات المسح والنقاط والعملاء اليوم وخلال 7 و30 يومًا
    /poster: ملصق للطباعة مع رمز QR للانضمام
    /business: اختيار المتجر الذي تعمل باسمه
    /timezone: المنطقة الزمنية التي تُعرض بها التواريخ
    للمالك فقط
    /newprogram: إنشاء برنامج (أو /newprogram نادي القهوة | points | 10 | 100 | قهوة مجانية)
    /programs: البرامج وروابط الانضمام وتعيين الافتراضي والإيقاف
    /editprogram <الرقم> <الحقل> <القيمة>: تعديل برنامج
    /staff: رابط دعوة الموظفين وقائمة فريق العمل
    /export: العملاء وسجل الحركات بصيغة CSV
    /newbusiness: تسجيل متجر آخر
invite_usage = أرسل رمز العميل هكذا: /invite K7QX-4M2P
invite_sent = 📨 أُرسلت دعوة الانضمام إلى { $program } إلى { $customer }.
prog_ask_name = لننشئ برنامجًا. ما اسمه؟ (/cancel للإيقاف)
prog_ask_kind = نقاط أم أختام؟
prog_kind_points = نقاط
prog_kind_stamps = أختام
prog_ask_points = كم { $kind ->
        [stamps] ختمًا
       *[points] نقطةً
    } لكل مسح؟ أرسل رقمًا.
prog_ask_threshold = كم { $kind ->
        [stamps] ختمًا
       *[points] نقطةً
    } للحصول على المكافأة؟ أرسل رقمًا.
prog_ask_reward = ما اسم المكافأة؟ (مثلًا: قهوة مجانية)
prog_kind_chosen = النوع: { $kind ->
        [stamps] أختام
       *[points] نقاط
    }.
prog_created =
    ✅ تم إنشاء البرنامج #{ $id } { $program }: { $kind ->
        [stamps] { $points ->
            [zero] { $points } ختم
            [one] ختم واحد
            [two] ختمان
            [few] { $points } أختام
            [many] { $points } ختمًا
           *[other] { $points } ختم
        }
       *[points] { $points ->
            [zero] { $points } نقطة
            [one] نقطة واحدة
            [two] نقطتان
            [few] { $points } نقاط
            [many] { $points } نقطة
           *[other] { $points } نقطة
        }
    } لكل مسح، والمكافأة { $reward } عند بلوغ { $threshold }.
    ينضم العملاء بهذا الرابط:
    { $link }
prog_usage =
    بسطر واحد: /newprogram الاسم | points أو stamps (بالإنجليزية) | لكل مسح | المكافأة عند | اسم المكافأة [| الحد اليومي]
    مثال: /newprogram نادي القهوة | points | 10 | 100 | قهوة مجانية
prog_bad_kind = يجب أن يكون النوع «points» (نقاط) أو «stamps» (أختام)، بالإنجليزية.
prog_list_empty = لا توجد برامج بعد. أنشئ برنامجًا بالأمر /newprogram.
prog_line =
    { $marker } #{ $id } { $program } ({ $kind ->
        [stamps] أختام
       *[points] نقاط
    }){ $state }
       { $points } لكل مسح، بحد أقصى { $max } لكل مسح، الحد اليومي: { $cap }
       رابط الانضمام: { $link }
prog_default_marker = ⭐
prog_inactive_state = {" "}(موقوف)
prog_no_cap = بلا حد
prog_make_default_button = ⭐ افتراضي #{ $id }
prog_deactivate_button = ⏸ إيقاف #{ $id }
prog_made_default = أصبح البرنامج #{ $id } { $program } هو البرنامج الافتراضي.
prog_deactivated = تم إيقاف البرنامج #{ $id } { $program }.
prog_edit_usage = أرسل /editprogram <الرقم> <الحقل> <القيمة>؛ الحقول: name (الاسم)، points_per_scan (لكل مسح)، max_per_scan (الحد الأقصى لكل مسح)، daily_cap (الحد اليومي؛ 0 يلغيه).
prog_edited = ✅ تم تحديث البرنامج #{ $id } { $program }: { $field } = { $value }.
customers_empty = لا يوجد عملاء بعد.
customers_header = 👥 العملاء ({ $total })، الصفحة { $page } من { $pages }:
customers_line = { $n }. { $name }: الرصيد { $balance }، الزيارات { $visits }، آخر زيارة { $last }
customers_prev = ⬅️ السابق
customers_next = التالي ➡️
customer_history_button = 📜 { $name }
customer_history_header = 📜 سجل { $customer } لدينا:
customer_history_line = { $when }  { $delta }  { $program }  { $reason }
customer_history_empty = 📜 لا يوجد سجل نقاط للعميل { $customer } لدينا بعد.
stats_header = 📊 الإحصاءات
stats_period = { $period } — عمليات المسح: { $scans }، النقاط الممنوحة: { $issued }، المستبدلة: { $redeemed }، العملاء الجدد: { $new }، النشطون: { $active }
stats_today = اليوم
stats_7d = آخر 7 أيام
stats_30d = آخر 30 يومًا
export_caption = { $what } — { $business } ({ $rows ->
        [zero] { $rows } صف
        [one] صف واحد
        [two] صفان
        [few] { $rows } صفوف
        [many] { $rows } صفًا
       *[other] { $rows } صف
    })
export_customers = العملاء
export_ledger = سجل الحركات
poster_caption = 🖨 ملصق { $program }: اطبعه وضعه بجانب صندوق الدفع.
role_owner = المالك
role_staff = موظف
thing_program = البرنامج
thing_reward = المكافأة
thing_business = المتجر
cancel_word = إلغاء
tz_usage =
    🕐 تُعرض تواريخ { $business } بتوقيت { $zone }.
    لتغييره أرسل اسم المنطقة الزمنية، مثلًا: /timezone Africa/Casablanca
tz_set = 🕐 تم: تُعرض تواريخ { $business } الآن بتوقيت { $zone }.
