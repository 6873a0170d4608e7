# سلّم المكافآت على بطاقة في التطبيق المصغّر (bot/webapp/cards.py).
webapp_rewards = المكافآت
webapp_rung_ready = ✅ جاهزة
webapp_rung_claimed = ✔️ حصلت عليها
webapp_rung_to_go = { $kind ->
        [stamps] { $left ->
            [zero] بقي { $left } ختم
            [one] بقي ختم واحد
            [two] بقي ختمان
            [few] بقيت { $left } أختام
            [many] بقي { $left } ختمًا
           *[other] بقي { $left } ختم
        }
       *[points] { $left ->
            [zero] بقي { $left } نقطة
            [one] بقيت نقطة واحدة
            [two] بقيت نقطتان
            [few] بقيت { $left } نقاط
            [many] بقيت { $left } نقطة
           *[other] بقيت { $left } نقطة
        }
    }
webapp_rung_cost = { $kind ->
        [stamps] { $cost ->
            [zero] { $cost } ختم
            [one] ختم واحد
            [two] ختمان
            [few] { $cost } أختام
            [many] { $cost } ختمًا
           *[other] { $cost } ختم
        }
       *[points] { $cost ->
            [zero] { $cost } نقطة
            [one] نقطة واحدة
            [two] نقطتان
            [few] { $cost } نقاط
            [many] { $cost } نقطة
           *[other] { $cost } نقطة
        }
    }
