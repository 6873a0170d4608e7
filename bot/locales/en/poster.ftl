## The printable join poster.

poster_reward = 🎁 { $reward } at { $threshold } { $kind ->
        [stamps] { $threshold ->
            [one] stamp
           *[other] stamps
        }
       *[points] { $threshold ->
            [one] point
           *[other] points
        }
    }
poster_instruction = Scan with your phone’s camera to join and collect { $kind ->
        [stamps] stamps
       *[points] points
    } on every visit.
poster_usage = Send /poster for an A5 poster, or choose the paper and your colour: /poster a4 #1E6B52
