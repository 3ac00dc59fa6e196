package rec4j.sentiment;

import java.util.ArrayList;
import java.util.List;
import rec4j.embed.TextEncoder;

/**
 * The model behind {@code modelName: 'default'}: fitted on short review sentences written for rec4j (products, food,
 * service, films, books, travel, apps), so that it needs no data of the user's. Fitted once per DBMS on first use.
 */
public final class DefaultSentiment {

    static final List<String> POSITIVE = List.of(
            "I love this phone, the battery lasts for days.",
            "Great value for the money.",
            "Works perfectly, exactly as described.",
            "The sound quality is excellent and the setup took a minute.",
            "Very comfortable headphones, I wear them all day.",
            "Sturdy, well made and good looking.",
            "Highly recommended, I would buy it again.",
            "Fast shipping and the package arrived in perfect condition.",
            "This blender is a joy to use.",
            "The camera takes beautiful, sharp pictures.",
            "Best purchase I have made this year.",
            "It fits my laptop perfectly and feels solid.",
            "Easy to install and it just works.",
            "The screen is bright and crisp.",
            "My kids absolutely adore this toy.",
            "A clever little gadget that saves me time every morning.",
            "The food was delicious and the portions generous.",
            "Wonderful dinner, every dish was full of flavour.",
            "The staff were friendly and attentive.",
            "Fresh ingredients, lovely presentation, and a cozy room.",
            "Best pizza in town, hands down.",
            "The coffee here is fantastic.",
            "We had an amazing time and will definitely come back.",
            "The service was quick and the waiter was charming.",
            "Tender steak, cooked exactly how I asked.",
            "The desserts are heavenly.",
            "A hidden gem with reasonable prices.",
            "Everything we ordered tasted great.",
            "Customer support solved my problem in five minutes.",
            "The hotel room was spotless and the bed was very comfortable.",
            "Our guide was knowledgeable and fun.",
            "The flight was smooth and the crew was kind.",
            "A beautiful, moving film with superb acting.",
            "I laughed from start to finish.",
            "The story kept me gripped until the last page.",
            "One of the best movies I have seen in years.",
            "The soundtrack is gorgeous.",
            "A brilliant performance by the lead actress.",
            "Smart, funny and touching.",
            "Well written characters and a satisfying ending.",
            "This app is intuitive and fast.",
            "The update made everything smoother, nice work.",
            "Simple to use and it never crashes.",
            "Excellent quality, I am very happy with it.",
            "Good product, no complaints at all.",
            "Pleasantly surprised, it exceeded my expectations.",
            "Nice and cheap, and it does the job well.",
            "Superb craftsmanship.",
            "Five stars, would recommend to anyone.",
            "Really enjoyed it.",
            "Awesome!",
            "Impressive performance for such a small device.",
            "The instructions were clear and helpful.",
            "I'm thrilled with how it turned out.",
            "The atmosphere was warm and welcoming.");

    static final List<String> NEGATIVE = List.of(
            "The battery died after two days.",
            "Broke within a week, complete waste of money.",
            "Does not work as advertised.",
            "The sound is tinny and the volume is too low.",
            "These headphones hurt my ears after ten minutes.",
            "Cheap plastic that feels flimsy.",
            "I would not recommend this to anyone.",
            "It arrived damaged and late.",
            "The blender leaks every time I use it.",
            "Photos come out blurry and dark.",
            "Worst purchase I have ever made.",
            "It does not fit and the zipper broke.",
            "Installation was a nightmare and it still does not work.",
            "The screen scratches far too easily.",
            "My son lost interest in this toy after an hour.",
            "Overpriced junk.",
            "The food was cold and bland.",
            "Terrible dinner, the fish tasted off.",
            "The waitress was rude and ignored us.",
            "Dirty tables and stale bread.",
            "The pizza was soggy and burnt at the edges.",
            "The coffee was bitter and lukewarm.",
            "We waited an hour for our food and will never come back.",
            "The service was painfully slow.",
            "My steak was tough and overcooked.",
            "The dessert was far too sweet and tasted artificial.",
            "Way too expensive for what you get.",
            "Nothing we ordered was good.",
            "Customer support never answered my emails.",
            "The hotel room smelled of smoke and the sheets were stained.",
            "Our guide was late and seemed bored.",
            "The flight was delayed for hours and nobody told us why.",
            "A dull, predictable film with wooden acting.",
            "I was bored from start to finish.",
            "The plot made no sense and the ending was awful.",
            "One of the worst movies I have ever seen.",
            "The dialogue is painfully bad.",
            "A disappointing performance from a usually great actor.",
            "Boring, slow and pointless.",
            "Flat characters and a lazy script.",
            "This app is confusing and slow.",
            "The update broke everything.",
            "It crashes every time I open it.",
            "Poor quality, I am very disappointed.",
            "Bad product, it stopped working almost immediately.",
            "It fell far short of my expectations.",
            "It is cheap for a reason, it does not do the job.",
            "Shoddy workmanship.",
            "One star, avoid.",
            "Did not enjoy it at all.",
            "Awful!",
            "Sluggish and unreliable.",
            "The instructions were confusing and incomplete.",
            "I regret buying it.",
            "The place was noisy and unpleasant.");

    static final List<String> NEUTRAL = List.of(
            "The phone comes in black and white.",
            "I bought this last month.",
            "The package contains a charger and a cable.",
            "It weighs about two pounds.",
            "The restaurant opens at noon on weekdays.",
            "We ordered the soup and a salad.",
            "The menu has vegetarian options.",
            "The hotel is ten minutes from the station.",
            "The film is two hours long.",
            "The book is the second in a series.",
            "The app is available for Android and iPhone.",
            "I used it for a few days.",
            "The manual is printed in three languages.",
            "It runs on two AA batteries.",
            "The movie was released in the spring.",
            "We went there on a Tuesday evening.",
            "The case is made of aluminium.",
            "The store is on the corner of Main Street.",
            "My order was placed online.",
            "The show has ten episodes.",
            "The item was shipped from a warehouse in Ohio.",
            "The price was twenty dollars.",
            "It is a standard size.",
            "We sat near the window.",
            "The director also wrote the screenplay.");

    private DefaultSentiment() {}

    /** The training sentences and their classes, as {@code texts} and indexes into {@link #CLASSES}. */
    public record Sentences(List<String> texts, int[] classes) {}

    public static final List<String> CLASSES = List.of(SentimentClassifier.NEGATIVE, SentimentClassifier.NEUTRAL,
            SentimentClassifier.POSITIVE);

    /** The L2 penalty of the default model (and of rec.sentiment.train unless configured). */
    public static final double L2 = 1e-3;

    /** The default classifier for {@code encoder}'s vectors: logistic regression on {@link #sentences()}. */
    public static SentimentClassifier fit(TextEncoder encoder) {
        Sentences sentences = sentences();
        float[][] vectors = encoder.embed(sentences.texts(), 8, 1, () -> false);
        return SentimentTrainer.logistic(vectors, sentences.classes(), CLASSES,
                new SentimentTrainer.Parameters(L2, 50, 1e-7, SentimentClassifier.DEFAULT_NEUTRAL_MARGIN), () -> false).classifier();
    }

    public static Sentences sentences() {
        List<String> texts = new ArrayList<>();
        List<Integer> classes = new ArrayList<>();
        add(texts, classes, NEGATIVE, 0);
        add(texts, classes, NEUTRAL, 1);
        add(texts, classes, POSITIVE, 2);
        return new Sentences(List.copyOf(texts), classes.stream().mapToInt(Integer::intValue).toArray());
    }

    private static void add(List<String> texts, List<Integer> classes, List<String> sentences, int c) {
        texts.addAll(sentences);
        sentences.forEach(s -> classes.add(c));
    }
}
