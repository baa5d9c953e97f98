#!/bin/sh
# Makes the display's announcement clips (letters, digits, words, chime) in English and Traditional Chinese
# (read in Mandarin) with Debian's espeak-ng and sox: mono, 16 kHz, 16-bit WAV, silence trimmed at both ends.
# Operators may replace any clip by a file of the same name in <dataDir>/clips/<en|zh-TW>/.
# Usage: desktop/tools/make-clips.sh   (from the repository root or anywhere; writes into the resources)
set -eu
OUT="$(cd "$(dirname "$0")/.." && pwd)/src/main/resources/io/nowserving/desktop/display/clips"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

# say <voice> <speed> <file> <text>: speak, then convert and trim leading/trailing silence
say() {
    espeak-ng -v "$1" -s "$2" -w "$TMP/raw.wav" "$4"
    sox "$TMP/raw.wav" -r 16000 -c 1 -b 16 "$3" norm -1 silence 1 0.02 0.5% reverse silence 1 0.02 0.5% reverse
}

mkdir -p "$OUT/en" "$OUT/zh-TW"
for l in a b c d e f g h i j k l m n o p q r s t u v w x y z; do
    U=$(echo "$l" | tr a-z A-Z)
    say en 150 "$OUT/en/$l.wav" "$U"
    # Taiwanese callers read ticket letters as English letters
    say en 150 "$OUT/zh-TW/$l.wav" "$U"
done
set -- zero one two three four five six seven eight nine
for d in 0 1 2 3 4 5 6 7 8 9; do
    say en 150 "$OUT/en/$d.wav" "$1"
    shift
done
set -- 零 一 二 三 四 五 六 七 八 九
for d in 0 1 2 3 4 5 6 7 8 9; do
    say cmn 140 "$OUT/zh-TW/$d.wav" "$1"
    shift
done
say en 150 "$OUT/en/word-number.wav" "Number"
say en 150 "$OUT/en/word-counter.wav" "please go to counter"
say cmn 140 "$OUT/zh-TW/word-number.wav" "來賓"
say cmn 140 "$OUT/zh-TW/word-hao.wav" "號"
say cmn 140 "$OUT/zh-TW/word-counter.wav" "請到"
say cmn 140 "$OUT/zh-TW/word-counter-end.wav" "號櫃檯"
# the kiosk's accessible-mode sentences: before the services' letters, and after the ticket's number
say en 150 "$OUT/en/prompt-choose.wav" "Please choose a service. The buttons are at the bottom of the screen."
say en 150 "$OUT/en/prompt-wait.wav" "Please wait until your number is called."
say cmn 140 "$OUT/zh-TW/prompt-choose.wav" "請選擇服務，按鈕在螢幕下方。"
say cmn 140 "$OUT/zh-TW/prompt-wait.wav" "請等候叫號。"

# the chime: two soft bell tones, a fourth apart, fading out
for lang in en zh-TW; do
    sox -n -r 16000 -c 1 -b 16 "$TMP/hi.wav" synth 0.45 sine 880 fade q 0.01 0.45 0.35 vol 0.5
    sox -n -r 16000 -c 1 -b 16 "$TMP/lo.wav" synth 0.7 sine 659.25 fade q 0.01 0.7 0.6 vol 0.5
    sox "$TMP/hi.wav" "$TMP/lo.wav" "$OUT/$lang/chime.wav"
done
du -sh "$OUT"
