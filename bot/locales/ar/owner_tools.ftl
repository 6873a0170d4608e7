## أدوات النمو: هدايا أعياد الميلاد، المنح الجماعية، عروض العودة، نشاط الموظفين.

btn_birthday = 🎂 عيد الميلاد
birthday_ask = 🎂 عيد ميلادك: { $current }. أرسله بالشكل يوم.شهر، مثل 14.05. البرامج التي لها هدية عيد ميلاد تمنحك إياها في ذلك اليوم. يمكنك تغييره مرة واحدة في السنة.
birthday_not_set = غير محدد
birthday_saved = 🎂 تم الحفظ: عيد ميلادك هو { $date }.
birthday_format = أرسل عيد ميلادك بالشكل يوم.شهر، مثل 14.05.
birthday_no_such_day = لا يوجد تاريخ { $day }.{ $month } في التقويم. تحقق من اليوم والشهر.
birthday_change_later = يمكنك تغيير عيد ميلادك مرة واحدة في السنة: المرة القادمة ابتداءً من { $date }.
birthday_not_customer = اضغط /start أولًا، ثم حدد عيد ميلادك.

birthday_gift = 🎂 { $business } يتمنى لك عيد ميلاد سعيدًا! هديتك في { $program }: +{ $points }. الرصيد: { $balance }.
bulk_award = 🎁 منحك { $business } ‎+{ $points } في { $program }: { $note }. الرصيد: { $balance }.
winback_credited = 👋 أهلًا بعودتك إلى { $business }! مكافأتك في { $program }: +{ $points }. الرصيد: { $balance }.
winback_offer = اشتقنا إليك في { $business }! زرنا خلال { $days ->
        [zero] { $days } يوم
        [one] يوم واحد
        [two] يومين
        [few] { $days } أيام
        [many] { $days } يومًا
       *[other] { $days } يوم
    } واحصل على مكافأة +{ $bonus } في { $program }. رصيدك { $balance }.
reason_birthday = هدية عيد الميلاد
reason_bulk = هدية من المالك
reason_winback = مكافأة العودة

prog_gifts = 🎂 هدية عيد الميلاد: { $birthday } · 👋 مكافأة العودة: { $winback } (خلال { $days ->
        [zero] { $days } يوم
        [one] يوم واحد
        [two] يومين
        [few] { $days } أيام
        [many] { $days } يومًا
       *[other] { $days } يوم
    })
prog_gift_off = متوقفة
prog_gift_set = ✅ البرنامج رقم { $id }: أصبحت قيمة { $field } ‏{ $value }.
gift_usage = الاستخدام: /editprogram <id> birthday_gift|winback_bonus|winback_days <رقم أو off>

bulk_usage = الاستخدام: /bulkaward <رقم البرنامج> <النقاط> <الفئة> <السبب>. الفئات: all (الجميع)، idle (بلا زيارة منذ 30 يومًا؛ idle:N لعدد N من الأيام)، balance:N (رصيد لا يقل عن N)، tier:NAME (من بلغ هذا المستوى، مثل tier:Gold). مثال: /bulkaward 1 20 idle نشتاق إليك
bulk_bad_segment = فئة غير معروفة. استخدم all أو idle أو idle:N أو balance:N أو tier:NAME.
bulk_reason_missing = اذكر سببًا: يراه العملاء مع النقاط.
bulk_empty_segment = لا يوجد أي عميل في هذه الفئة: لم يُمنح شيء.
bulk_not_found = هذه المنحة الجماعية لم تعد موجودة.
bulk_progress = ⏳ المنحة الجماعية رقم { $id } (+{ $points }، { $note }): تم { $done } من { $total }…
bulk_done = ✅ اكتملت المنحة الجماعية رقم { $id } (+{ $points }، { $note }): تم { $done } من { $total }.

activity_header = 👥 نشاط الموظفين في { $business } (تنبيه عند تجاوز { $threshold } نقطة يدوية في اليوم)
activity_alert_off = متوقف
activity_today = اليوم:
activity_week = هذا الأسبوع:
activity_nobody = — لا شيء بعد
activity_line = • { $name }: مسح { $scans }، منح يدوية { $manual } (+{ $points })، تراجعات { $undos }، استبدالات { $redemptions }
award_alert_usage = الاستخدام: ‎/awardalert <النقاط> لتنبيهك عندما يمنح موظف يدويًا أكثر من ذلك في يوم، أو ‎/awardalert off.
award_alert_set = ✅ ستتلقى تنبيهًا عندما يمنح موظف يدويًا أكثر من { $points } في يوم واحد.
award_alert_off = ✅ تنبيهات المنح اليدوية متوقفة.
manual_awards_alert = ⚠️ { $business }: منح { $staff } يدويًا { $points } اليوم، وهذا فوق حد التنبيه { $threshold }.

# Staff: the growth commands, under /bhelp.
growth_bhelp =
    أدوات النمو (للمالكين)
    ‎/bulkaward <رقم البرنامج> <النقاط> <الفئة> <السبب>: نقاط لعملاء كثيرين دفعة واحدة
    ‎/activity: ما فعله كل موظف اليوم وهذا الأسبوع
    ‎/awardalert <النقاط>: تنبيه عندما يمنح موظف يدويًا أكثر من ذلك في يوم (0 يوقفه)
    ‎/editprogram <الرقم> <الحقل> <القيمة>: هدية عيد الميلاد ومكافأة العودة، انظر ‎/programs
