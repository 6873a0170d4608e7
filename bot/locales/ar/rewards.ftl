## سلّم المكافآت: إعدادات المالك في /programs، اختيار الموظفين، ردود العميل.

ladder_rung = { $reward }: { $cost } { $kind ->
        [stamps] { $cost ->
            [zero] ختم
            [one] ختم
            [two] ختمان
            [few] أختام
            [many] ختمًا
           *[other] ختم
        }
       *[points] { $cost ->
            [zero] نقطة
            [one] نقطة
            [two] نقطتان
            [few] نقاط
            [many] نقطة
           *[other] نقطة
        }
    }
ladder_line = {"   "}🎁 { $rewards }
ladder_none = لا توجد مكافأة بعد
ladder_title = 🎁 مكافآت البرنامج #{ $id } { $program }:
ladder_row = { $n }. { $rung }
ladder_keeps = الاستبدال يُبقي الأختام: تُمنح كل مكافأة مرة واحدة لكل بطاقة.
ladder_consumes = الاستبدال يخصم { $kind ->
        [stamps] أختام
       *[points] نقاط
    } المكافأة.
ladder_help = ➕ يضيف مكافأة، ✏️ يغيّر اسمها أو تكلفتها، ❌ يحذفها. التكاليف تتصاعد على طول السلّم.
ladder_button = 🎁 مكافآت #{ $id }
ladder_add_button = ➕ إضافة مكافأة
ladder_edit_button = ✏️ { $reward }
ladder_remove_button = ❌ { $reward }
ladder_keep_on = الأختام تبقى عند الاستبدال ✅ (اضغط لخصمها)
ladder_keep_off = الأختام تُخصم عند الاستبدال (اضغط لإبقائها)
ladder_ask_add = أرسل المكافأة الجديدة في سطر واحد: التكلفة ثم الاسم، مثلًا: 10 قهوة
ladder_ask_edit = تكلفة { $reward } الآن { $cost }. أرسل تكلفة جديدة (رقمًا) أو اسمًا جديدًا أو كليهما (مثلًا: 12 قهوة كبيرة).
ladder_confirm_remove = حذف { $rung }؟ لن تُعرض بعد الآن، وستُرفض الطلبات المعلّقة عليها.
ladder_remove_yes = ❌ نعم، احذف { $reward }
ladder_added = ✅ أُضيفت { $reward } بتكلفة { $cost }.
ladder_renamed = ✅ أصبح اسم { $before } الآن { $reward } (التكلفة { $cost }).
ladder_recosted = ✅ أصبحت تكلفة { $reward } الآن { $cost } (كانت { $before_cost }).
ladder_removed = ✅ حُذفت { $reward }.
ladder_kept = ✅ الاستبدال يُبقي الأختام الآن؛ تُمنح كل مكافأة مرة واحدة لكل بطاقة.
ladder_consumed = ✅ الاستبدال يخصم الأختام الآن.
ladder_empty = يحتاج البرنامج إلى مكافأة واحدة على الأقل: أضف مكافأة أخرى قبل حذف هذه. لم يتغيّر شيء.
ladder_too_long = للبرنامج { $maximum } مكافآت على الأكثر. لم يتغيّر شيء.
ladder_costs_not_increasing = يجب أن تتصاعد التكاليف على طول السلّم: { $reward } بتكلفة { $cost } ليست أعلى من { $previous }. لم يتغيّر شيء.
reward_line_usage = أرسل تكلفة واسمًا، مثلًا: 10 قهوة
reward_not_found = لم تعد هذه المكافأة متاحة.
reward_already_given = سبق منح { $reward } على هذه البطاقة: هذا البرنامج يُبقي الأختام ويمنح كل مكافأة مرة واحدة.
keep_stamps_only = برنامج الأختام وحده يمكنه إبقاء الأختام عند الاستبدال.
redeem_choose = 🎁 أي مكافأة؟ الرصيد: { $balance } { $kind ->
        [stamps] { $balance ->
            [zero] ختم
            [one] ختم
            [two] ختمان
            [few] أختام
            [many] ختمًا
           *[other] ختم
        }
       *[points] { $balance ->
            [zero] نقطة
            [one] نقطة
            [two] نقطتان
            [few] نقاط
            [many] نقطة
           *[other] نقطة
        }
    }.
redeem_reward_button = 🎁 { $reward } ({ $cost })
redeem_none = الرصيد لا يكفي بعد: { $balance } { $kind ->
        [stamps] { $balance ->
            [zero] ختم
            [one] ختم
            [two] ختمان
            [few] أختام
            [many] ختمًا
           *[other] ختم
        }
       *[points] { $balance ->
            [zero] نقطة
            [one] نقطة
            [two] نقطتان
            [few] نقاط
            [many] نقطة
           *[other] نقطة
        }
    }؛ أول مكافأة هي { $rung }.
redeem_none_left = مُنحت كل المكافآت على هذه البطاقة من قبل.
request_sent_reward = 📨 أُرسل إلى العميل للموافقة: { $reward }.
reward_request =
    🎁 يطلب { $business } استبدال { $reward } مقابل { $amount } { $kind ->
        [stamps] { $amount ->
            [zero] ختم
            [one] ختم
            [two] ختمان
            [few] أختام
            [many] ختمًا
           *[other] ختم
        }
       *[points] { $amount ->
            [zero] نقطة
            [one] نقطة
            [two] نقطتان
            [few] نقاط
            [many] نقطة
           *[other] نقطة
        }
    } من { $program }.
    رصيدك: { $balance }. هل توافق؟
reward_request_kept =
    🎁 يطلب منك { $business } تأكيد استلامك { $reward } من { $program }.
    يبقى رصيدك { $balance } { $kind ->
        [stamps] { $balance ->
            [zero] ختم
            [one] ختم
            [two] ختمان
            [few] أختام
            [many] ختمًا
           *[other] ختم
        }
       *[points] { $balance ->
            [zero] نقطة
            [one] نقطة
            [two] نقطتان
            [few] نقاط
            [many] نقطة
           *[other] نقطة
        }
    } على البطاقة. هل توافق؟
answer_reward_redeemed = 🎁 استمتع بـ{ $reward } لدى { $business }! الرصيد: { $balance }.
answer_reward_removed = لم يعد { $business } يقدّم { $reward }؛ لم يُخصم شيء.
progress_all_given = 🏁 حصلت على كل المكافآت!
reward_redeemed = 🎁 استبدل { $customer } { $reward }. الرصيد: { $balance }.
redemption_reward_removed = ⚠️ وافق { $customer } على { $reward }، لكنها حُذفت في هذه الأثناء: لم يُخصم شيء.
