// Demo catalog, step 1: users (files written to the import directory by run-demo.sh or rec4j's DemoData)
LOAD CSV WITH HEADERS FROM 'file:///rec4j-demo/users.csv' AS row
CALL (row) {
  MERGE (u:User {userId: toInteger(row.userId)})
  SET u.name = row.name, u.favoriteCategories = split(row.favoriteCategories, ';')
} IN TRANSACTIONS OF 5000 ROWS;

// Demo catalog, step 2: items and their categories
LOAD CSV WITH HEADERS FROM 'file:///rec4j-demo/items.csv' AS row
CALL (row) {
  MERGE (c:Category {name: row.category})
  MERGE (i:Item {itemId: toInteger(row.itemId)})
  SET i.title = row.title, i.category = row.category, i.description = row.description, i.price = toFloat(row.price)
  MERGE (i)-[:IN_CATEGORY]->(c)
} IN TRANSACTIONS OF 5000 ROWS;

// Demo catalog, step 3: ratings 1-5 with a timestamp (epoch seconds) and, for some, a review text
LOAD CSV WITH HEADERS FROM 'file:///rec4j-demo/ratings.csv' AS row
CALL (row) {
  MATCH (u:User {userId: toInteger(row.userId)})
  MATCH (i:Item {itemId: toInteger(row.itemId)})
  MERGE (u)-[r:RATED]->(i)
  SET r.rating = toInteger(row.rating), r.timestamp = toInteger(row.timestamp),
      r.review = CASE WHEN row.review IS NULL OR row.review = '' THEN null ELSE row.review END
} IN TRANSACTIONS OF 10000 ROWS;
