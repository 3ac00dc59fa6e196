// Constraints (and so indexes) for the demo catalog: users, items, categories
CREATE CONSTRAINT rec4j_user_id IF NOT EXISTS FOR (u:User) REQUIRE u.userId IS UNIQUE;
CREATE CONSTRAINT rec4j_item_id IF NOT EXISTS FOR (i:Item) REQUIRE i.itemId IS UNIQUE;
CREATE CONSTRAINT rec4j_category_name IF NOT EXISTS FOR (c:Category) REQUIRE c.name IS UNIQUE;

// Constraints for MovieLens 100K: viewers, movies, genres
CREATE CONSTRAINT rec4j_viewer_id IF NOT EXISTS FOR (v:Viewer) REQUIRE v.viewerId IS UNIQUE;
CREATE CONSTRAINT rec4j_movie_id IF NOT EXISTS FOR (m:Movie) REQUIRE m.movieId IS UNIQUE;
CREATE CONSTRAINT rec4j_genre_name IF NOT EXISTS FOR (g:Genre) REQUIRE g.name IS UNIQUE;

// Wait until the indexes behind the constraints are online
CALL db.awaitIndexes(300);
