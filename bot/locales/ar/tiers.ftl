## المستويات: درجات حسب النقاط المكتسبة، مع مضاعِف للنقاط عند المسح.

# إشعارات للعميل.
tier_promoted = 🏅 { $business }: أصبحت الآن في مستوى { $tier } في { $program }! كل زيارة تمنحك الآن { $bonus }% إضافية.
tier_promoted_plain = 🏅 { $business }: أصبحت الآن في مستوى { $tier } في { $program }! شكرًا لعودتك.
tier_demoted = { $business }: مستواك في { $program } أصبح الآن { $tier } (كان { $previous }). واصل الجمع لتصعد من جديد.
tier_lost = { $business }: انتهى مستواك { $previous } في { $program }. واصل الجمع لتستعيده.
cat_tier_changed = المستويات

# المستوى في «بطاقاتي» وفي رد المسح للموظفين.
card_tier = 🏅 { $tier } · ×{ $multiplier }
scan_tier = 🏅 { $tier } · ×{ $multiplier }

# شاشة المستويات لصاحب النشاط.
prog_tiers_button = 🏅 المستويات #{ $id }
tier_screen_title = 🏅 مستويات #{ $id } { $program }
tier_screen_none = لا توجد مستويات بعد: كل العملاء يكسبون بالقدر نفسه.
tier_screen_line = • { $tier }: ابتداءً من { $threshold } مكتسبة، ×{ $multiplier }
tier_window_lifetime = تحتسب المستويات كل ما كسبه العميل منذ البداية.
tier_window_months = تحتسب المستويات ما كسبه العميل خلال { $months ->
        [zero] { $months } شهر
        [one] الشهر الأخير
        [two] الشهرين الأخيرين
        [few] آخر { $months } أشهر
        [many] آخر { $months } شهرًا
       *[other] آخر { $months } شهر
    }.
tier_screen_help =
    لإضافة مستوى أو تغييره: /tiers { $id } فضي 500 1.25
    لحذف مستوى: /tiers { $id } remove فضي
    المدة: /tiers { $id } window 12 (أو: window none)
tier_add_button = ➕ إضافة مستوى أو تغييره
tier_remove_button = 🗑 { $tier }
tier_window_button = 🗓 المدة
tier_ask_line = أرسل المستوى في سطر واحد: اسمه، والنقاط المكتسبة اللازمة لبلوغه، والمضاعِف من 1 إلى 5. مثال: فضي 500 1.25
tier_ask_window = كم شهرًا من النقاط المكتسبة يُحتسب للمستوى؟ أرسل رقمًا من 1 إلى 120، أو 0 لاحتساب كل ما كُسب منذ البداية.
tier_set_done = ✅ تم حفظ المستوى { $tier }.
tier_removed_done = ✅ تم حذف المستوى { $tier }.
tier_window_done = ✅ تم حفظ المدة.
tier_changes_later = ينتقل العملاء إلى مستواهم الجديد في زيارتهم التالية أو في المراجعة القادمة، ويتم إبلاغهم.

# الرفض: لم يتغير شيء.
tier_usage =
    الاستخدام: /tiers ID، أو /tiers ID الاسم النقاط المضاعِف (مثال: /tiers 3 فضي 500 1.25)،
    /tiers ID remove الاسم، /tiers ID window الأشهر (أو: window none).
tier_line_usage = أرسل اسمًا والنقاط المكتسبة والمضاعِف، مثال: فضي 500 1.25
tier_name_empty = يحتاج المستوى إلى اسم.
tier_name_too_long = يمكن أن يتكون اسم المستوى من { $maximum } حرفًا على الأكثر.
tier_bad_threshold = يجب أن تكون نقاط المستوى عددًا صحيحًا من 1 إلى { $maximum }.
tier_bad_multiplier = «{ $value }» ليس مضاعِفًا: استخدم رقمًا من 1 إلى 5 بخانتين عشريتين على الأكثر، مثل 1.25.
tier_name_twice = لا يمكن أن يحمل مستويان الاسم نفسه.
tier_threshold_twice = هناك مستوى آخر يبدأ عند { $threshold }: يحتاج كل مستوى إلى نقاط أكثر من المستوى الذي تحته.
tier_multiplier_falls = يحتاج { $upper } إلى نقاط أكثر من { $lower }، لذا لا يمكن أن يكون مضاعِفه أصغر.
tier_too_many = يمكن أن يحتوي البرنامج على { $maximum } مستويات على الأكثر.
tier_bad_window = المدة عدد أشهر من { $minimum } إلى { $maximum }، أو none.
tier_not_found = لا يوجد مستوى باسم «{ $name }» في هذا البرنامج.
