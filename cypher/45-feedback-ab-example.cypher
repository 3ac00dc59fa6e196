// Feedback and an A/B test (rec.feedback.shown, rec.evaluate.online), on a simulated day. Step 1: forget an earlier run
MATCH (:User)-[r:SHOWN|CLICKED]->(:Item)
DELETE r;

// Step 2: three arms by user id: the graph-only GCN, the text-fused GCN, and plain popularity (the 10 most-rated items
// the user has not rated); every list is logged as an impression with rec.feedback.shown
MATCH (u:User)
WITH u, ['rec4j-demo-gcn', 'rec4j-demo-text', 'popularity'][u.userId % 3] AS arm,
     datetime('2026-06-01T08:00:00Z') + duration({minutes: u.userId % 600}) AS shownAt
CALL (u, arm) {
  WITH u, arm WHERE arm <> 'popularity'
  CALL rec.recommend.forUser(u, {modelName: arm, k: 10}) YIELD item
  RETURN item
  UNION
  WITH u, arm WHERE arm = 'popularity'
  MATCH (item:Item) WHERE NOT (u)-[:RATED]->(item)
  RETURN item ORDER BY COUNT { (item)<-[:RATED]-() } DESC, item.itemId LIMIT 10
}
WITH u, arm, shownAt, collect(item) AS items
CALL rec.feedback.shown(u, items, {model: arm, context: 'home', at: shownAt}) YIELD relationshipsWritten
RETURN arm, count(*) AS lists, sum(relationshipsWritten) AS impressions ORDER BY arm;

// Step 3: the simulated users respond to what they were shown: an item of one of their planted favourite categories is
// clicked with a chance of about 30 % (less further down the list), any other item about 3 % (a fixed hash, not rand(),
// so every run is the same); clicks are the users' own CLICKED relationships with the time
MATCH (u:User)-[s:SHOWN {context: 'home'}]->(i:Item)
WITH u, s, i, (u.userId * 7919 + i.itemId * 104729) % 100 AS dice
WHERE dice < CASE WHEN i.category IN u.favoriteCategories THEN 32 - 2 * s.rank ELSE 3 END
CREATE (u)-[:CLICKED {at: s.at + duration({minutes: 1 + dice})}]->(i)
RETURN count(*) AS clicks;

// Step 4: the A/B test inside Neo4j: CTR@10 and hit rate@10 per arm with 95 % Wilson intervals, and each arm against
// popularity (difference of CTR with its 95 % interval)
CALL rec.evaluate.online({responseTypes: ['CLICKED'], k: 10, baseline: 'popularity'})
YIELD model, lists, impressions, responses, ctr, ctrLow, ctrHigh, hitRate, coverage, ctrDiff, ctrDiffLow, ctrDiffHigh
RETURN model, lists, impressions, responses, round(ctr, 4) AS ctr,
       '[' + toString(round(ctrLow, 4)) + ', ' + toString(round(ctrHigh, 4)) + ']' AS ctr95, round(hitRate, 4) AS hitRate,
       round(coverage, 4) AS coverage, round(ctrDiff, 4) AS ctrVsPopularity,
       CASE WHEN ctrDiff IS NULL THEN null
            ELSE '[' + toString(round(ctrDiffLow, 4)) + ', ' + toString(round(ctrDiffHigh, 4)) + ']' END AS diff95
ORDER BY model;
