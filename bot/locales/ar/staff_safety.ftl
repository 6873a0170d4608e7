## أمان فريق العمل: النشاط الذي يخصه كل رد، حدود التراجع، روابط الدعوة، الحدود اليومية.

for_business = 🏪 { $business }
too_many_lookups = ⏳ رموز كثيرة جدًا خلال دقيقة (الحد الأقصى { $limit }). انتظر قليلًا ثم حاول مجددًا.
undo_not_here = ↩️ لا يعمل التراجع إلا تحت رد المسح الذي منح النقاط.
undo_too_late = ⌛ فات وقت التراجع: يعمل التراجع خلال { $minutes ->
        [zero] { $minutes } دقيقة
        [one] دقيقة واحدة
        [two] دقيقتين
        [few] { $minutes } دقائق
        [many] { $minutes } دقيقة
       *[other] { $minutes } دقيقة
    } بعد المسح.
undo_ask_instead = تبقى النقاط كما هي. لاسترجاع { $points }، اطلب من العميل الموافقة على خصم.
undo_request_button = ➖ طلب خصم { $points }
staff_limit_reached = ⛔ حدك اليومي للمنح اليدوي هو { $limit }؛ المتبقي لك اليوم { $room }.
limit_not_for_owner = لا يوجد حد للمنح اليدوي على المالك.
invite_closed = رابط الدعوة هذا استُخدم من قبل أو أُلغي أو انتهت صلاحيته. اطلب رابطًا جديدًا من المالك.
staff_page_header = 👥 فريق عمل { $business } (الصفحة { $page }/{ $pages }):
staff_link_line = 🔗 الدعوة رقم { $id } لشخص واحد، حتى { $expires }: { $link }
staff_line_limited = • { $name } ({ $role })، حتى { $limit } يدويًا في اليوم
staff_revoke_button = ✖ إلغاء الرابط رقم { $id }
staff_limit_button = 🔢 الحد: { $name }
staff_new_link_button = ➕ رابط دعوة جديد
staff_link_made =
    🔗 رابط دعوة جديد لشخص واحد، صالح لمدة { $hours ->
        [zero] { $hours } ساعة
        [one] ساعة واحدة
        [two] ساعتين
        [few] { $hours } ساعات
        [many] { $hours } ساعة
       *[other] { $hours } ساعة
    }:
    { $link }
    سيُطلب ممن يفتحه التأكيد. يمكنك إلغاؤه من /staff.
staff_link_revoked = أُلغي الرابط.
staff_ask_limit = كم نقطة يمكن لهذا الشخص أن يمنحها يدويًا كل يوم؟ أرسل رقمًا، أو 0 لإلغاء الحد (أو «إلغاء»).
staff_limit_set = ✅ الحد اليومي للمنح اليدوي: { $limit }.
staff_limit_off = ✅ لا يوجد حد يومي للمنح اليدوي.
staff_join_question = 👥 هل تنضم إلى فريق عمل { $business }؟ ستعمل بعدها باسم { $business }؛ ويبدّل /business بين أنشطتك.
staff_join_yes = ✅ انضمام
staff_join_no = ✖ عدم الانضمام
staff_join_declined = لم تنضم.
staff_joined_acting = ✅ انضممت إلى فريق عمل { $business } وأصبحت تعمل باسمه الآن. يبدّل /business النشاط، ويعرض /bhelp أوامر فريق العمل.
page_prev = ◀ السابق
page_next = التالي ▶
page_of = الصفحة { $page }/{ $pages }
