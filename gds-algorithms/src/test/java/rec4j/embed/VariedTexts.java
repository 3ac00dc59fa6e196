package rec4j.embed;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** 200 varied texts within the model's token limit (128): product copy, reviews, many languages, emoji, HTML, code, numbers. */
final class VariedTexts {

    private static final List<String> FIXED = List.of(
            "A light comedy for a rainy evening.",
            "Absolutely love this espresso machine! It brews a rich and smooth cup.",
            "Terrible tent. It leaked in light rain, avoid it.",
            "The kettle is okay. Nothing special, it does the job.",
            "Un film d'animation plein d'humour et de tendresse, idéal en famille.",
            "Ein spannender Thriller über einen Bankraub in Berlin.",
            "Una historia de amor en la Barcelona de los años veinte.",
            "東京を舞台にした心温まる家族の物語。",
            "一部关于友谊和成长的感人电影。",
            "فيلم مغامرات مثير في الصحراء الكبرى.",
            "Это очень интересная книга о космосе и звёздах.",
            "Great coffee ☕️☕️ and the grinder is 🔥🔥🔥 — 10/10 would buy again 👍",
            "<p>Stainless steel <b>chef's knife</b>, 20&nbsp;cm blade.</p><ul><li>Dishwasher safe</li></ul>",
            "<div class=\"review\">Five stars &amp; a <a href='https://example.org'>link</a></div>",
            "for (int i = 0; i < n; i++) { sum += a[i] * b[i]; }",
            "SELECT title FROM movies WHERE year > 1990 ORDER BY rating DESC;",
            "Price: $129.99 (was $159.99) — save 19%! SKU #A-4471-B, 2 x 500 ml.",
            "    leading and trailing whitespace    ",
            "ALL CAPS REVIEW: THIS IS THE BEST HIKING BACKPACK EVER!!!",
            "tabs\tand\nnew lines\r\nin one text",
            "x",
            "Ok.",
            "Naïve café résumé — coöperate, façade, jalapeño.",
            "Mr. O'Neil's \"favourite\" book (2nd ed.) isn't available; try the e-book instead.",
            "https://www.example.com/products/12345?ref=abc&utm_source=newsletter",
            "user@example.org wrote: see attached PDF (3.4 MB).");

    private static final String[] SUBJECTS = {"This backpack", "The novel", "Our new tripod", "That documentary",
            "The sourdough recipe", "This ukulele", "The carry-on suitcase", "A strategy board game", "The yoga mat",
            "This single-origin coffee"};
    private static final String[] VERBS = {"is", "feels", "turned out to be", "seems", "was honestly"};
    private static final String[] ADJECTIVES = {"wonderful", "disappointing", "surprisingly sturdy", "far too heavy",
            "beautifully written", "a bit overpriced", "perfect for beginners", "noisy", "elegant", "forgettable"};
    private static final String[] TAILS = {"for long trips.", "after a month of daily use.", "compared to the old one.",
            "if you are on a budget.", "and I would recommend it to friends.", "but the shipping was slow.",
            "in every way that matters.", "for a rainy weekend at home."};

    private VariedTexts() {}

    static List<String> texts() {
        List<String> texts = new ArrayList<>(FIXED);
        Random random = new Random(2026);
        while (texts.size() < 200) {
            StringBuilder text = new StringBuilder();
            int sentences = 1 + random.nextInt(random.nextInt(10) < 8 ? 3 : 7); // mostly short, some paragraphs of ~100 tokens
            for (int s = 0; s < sentences; s++) {
                if (s > 0) {
                    text.append(' ');
                }
                text.append(SUBJECTS[random.nextInt(SUBJECTS.length)]).append(' ')
                        .append(VERBS[random.nextInt(VERBS.length)]).append(' ')
                        .append(ADJECTIVES[random.nextInt(ADJECTIVES.length)]).append(' ')
                        .append(TAILS[random.nextInt(TAILS.length)]);
            }
            texts.add(text.toString());
        }
        return texts;
    }
}
