package example.lucene;

import java.io.IOException;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * A small Lucene application run in a child JVM by the tests: documents are indexed while a
 * {@code SearcherManager} serves searches; a scroll that is refused keeps its reader reference
 * (the planted leak).
 *
 * <p>Arguments: {@code searches refuseEvery}.
 */
public final class SearchApp {
    private static final int REFRESH_EVERY = 50;

    private SearchApp() {
    }

    /**
     * Runs the application.
     *
     * @param args searches, refuseEvery
     * @throws IOException if Lucene fails
     */
    public static void main(String[] args) throws IOException {
        int searches = Integer.parseInt(args[0]);
        int refuseEvery = Integer.parseInt(args[1]);
        long hits = 0;
        try (ByteBuffersDirectory dir = new ByteBuffersDirectory();
                IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(new StandardAnalyzer()))) {
            SearcherManager manager = new SearcherManager(writer, null);
            for (int i = 0; i < searches; i++) {
                Document doc = new Document();
                doc.add(new StringField("id", Integer.toString(i % 100), Field.Store.NO));
                writer.addDocument(doc);
                if (i % REFRESH_EVERY == 0) {
                    manager.maybeRefresh();
                }
                IndexSearcher searcher = manager.acquire();
                try {
                    hits += searcher.count(new TermQuery(new Term("id", Integer.toString(i % 100))));
                    if (refuseEvery > 0 && i % refuseEvery == refuseEvery - 1) {
                        openScroll(searcher.getIndexReader());
                    }
                } finally {
                    manager.release(searcher);
                }
            }
            manager.close();
        }
        System.out.println("searches " + searches + " hits " + hits);
    }

    private static void openScroll(IndexReader reader) {
        reader.incRef();
        // the scroll is refused here and the reference it took is never returned
    }
}
