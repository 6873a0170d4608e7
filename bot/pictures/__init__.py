"""Pictures the bot draws: QR codes, the printable poster, and the fonts and text lines in them."""
