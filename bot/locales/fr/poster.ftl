## L’affiche d’inscription à imprimer.

poster_reward = 🎁 { $reward } pour { $threshold } { $kind ->
        [stamps] { $threshold ->
            [one] tampon
           *[other] tampons
        }
       *[points] { $threshold ->
            [one] point
           *[other] points
        }
    }
poster_instruction = Scannez avec l’appareil photo de votre téléphone pour vous inscrire et cumulez des { $kind ->
        [stamps] tampons
       *[points] points
    } à chaque visite.
poster_usage = Envoyez /poster pour une affiche A5, ou choisissez le papier et votre couleur : /poster a4 #1E6B52
