## Ce que voit le personnel quand le lecteur de QR refuse une image pour protéger le bot.

reader_busy = ⏳ Je lis d'autres photos en ce moment. Veuillez renvoyer la vôtre dans quelques secondes.
image_too_many_pixels = Cette image a trop de pixels pour que je la lise. Envoyez-la comme photo (pas comme fichier), ou recadrez-la autour du code.
