#!/bin/sh
# Compiles GOV.UK Frontend and our few styles into static/govuk/ (ignored by git).
set -eu
G=node_modules/govuk-frontend/dist/govuk
OUT=static/govuk
mkdir -p "$OUT/assets"
npx --no-install sass --load-path=node_modules --load-path=assets --style=compressed --no-source-map \
  assets/app.scss "$OUT/app.css"
cp "$G/govuk-frontend.min.js" "$OUT/"
cp -r "$G/assets/images" "$OUT/assets/"
cp assets/init.js assets/weights.js "$OUT/"
echo "Built $OUT/app.css, $OUT/init.js and $OUT/weights.js"
