PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE alembic_version (
	version_num VARCHAR(32) NOT NULL, 
	CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);
INSERT INTO alembic_version VALUES('0012_helper_impact');
CREATE TABLE forum (
	id INTEGER NOT NULL, 
	slug VARCHAR(64) NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	adapter VARCHAR(64) NOT NULL, 
	adapter_settings JSON NOT NULL, 
	webhook_secret VARCHAR(128) NOT NULL, 
	member_secret VARCHAR(128) NOT NULL, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id)
);
INSERT INTO forum VALUES(1,'calm','Calm','generic','{"callback_url": null, "pre_check": true}','whsec_KPfHaDpxJ-PdGX9-PMpipysV-00-xWe5KWxIr2AOCEQ','5tGEtGVm276rXcSoAzs296KGCyGxPOrYO3tnz3jVreY','2026-11-30 09:00:00.000000');
INSERT INTO forum VALUES(2,'other','Other','generic','{"callback_url": null, "pre_check": true}','whsec_PkqTPU4i6kDMDMNubV1jghqRdOStzkIEwNspVeCR5vc','CWOP6oVpW3lW23IqLZeQ2DYIaOh10dz8ZQf6mdIUhT4','2026-11-30 09:00:00.000000');
CREATE TABLE api_key (
	id INTEGER NOT NULL, 
	key_hash VARCHAR(64) NOT NULL, 
	prefix VARCHAR(16) NOT NULL, 
	forum_id INTEGER, 
	scope VARCHAR(16) NOT NULL, 
	label VARCHAR(200) NOT NULL, 
	created_at DATETIME NOT NULL, 
	revoked_at DATETIME, 
	PRIMARY KEY (id), 
	FOREIGN KEY(forum_id) REFERENCES forum (id) ON DELETE CASCADE
);
INSERT INTO api_key VALUES(1,'f0079359a689d42a8756376cb1aa8f6f6b874c327d07b9a034e7235f20b22ad2','fk__ivSgJu',1,'platform','','2026-11-30 09:00:00.000000',NULL);
INSERT INTO api_key VALUES(2,'fce3ba6832f0c9d9bd91f3f7f9496b5f27cc44729dca37571db208bd1a33435a','fk_e4xNDgw',1,'moderator','','2026-11-30 09:00:00.000000',NULL);
INSERT INTO api_key VALUES(3,'f3eeeda46043f55604a2d6cd74de040a1c774d0b43995444ef318d8dc5185643','fk_onbsURp',1,'admin','','2026-11-30 09:00:00.000000',NULL);
INSERT INTO api_key VALUES(4,'542f85b1ab9d768bc61158fea4edf0e9a94e98342927544b83ef2921fee19b6b','fk_ubZ1PrW',2,'platform','','2026-11-30 09:00:00.000000',NULL);
INSERT INTO api_key VALUES(5,'91705077fe49288fd3ad35373804c753f963357afda6b5c4f612b7d9bf715e60','fk_mnPjEgH',2,'moderator','','2026-11-30 09:00:00.000000',NULL);
INSERT INTO api_key VALUES(6,'66c1211265b72effc456f681c102073e6f2596a82edb9792ab36299ab954cbcd','fk_LWPehhf',2,'admin','','2026-11-30 09:00:00.000000',NULL);
INSERT INTO api_key VALUES(7,'1cde7ca2d3770dd089c8c9b72bc43234ba8f156a91815c25a8a5b08ea52cdf2c','fk_9EdXKlF',NULL,'admin','','2026-11-30 09:00:00.000000',NULL);
CREATE TABLE audit_entry (
	id INTEGER NOT NULL, 
	forum_id INTEGER, 
	at DATETIME NOT NULL, 
	actor VARCHAR(100) NOT NULL, 
	action VARCHAR(100) NOT NULL, 
	subject VARCHAR(200) NOT NULL, 
	"before" JSON, 
	"after" JSON, 
	PRIMARY KEY (id), 
	FOREIGN KEY(forum_id) REFERENCES forum (id) ON DELETE CASCADE
);
INSERT INTO audit_entry VALUES(1,1,'2026-11-30 09:00:00.000000','test','forum.create','calm','null','{"adapter": "generic", "name": "Calm", "adapter_settings": {"callback_url": null, "pre_check": true}}');
INSERT INTO audit_entry VALUES(2,2,'2026-11-30 09:00:00.000000','test','forum.create','other','null','{"adapter": "generic", "name": "Other", "adapter_settings": {"callback_url": null, "pre_check": true}}');
CREATE TABLE forum_plugin (
	id INTEGER NOT NULL, 
	forum_id INTEGER NOT NULL, 
	plugin VARCHAR(64) NOT NULL, 
	enabled BOOLEAN NOT NULL, 
	settings JSON NOT NULL, 
	updated_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(forum_id) REFERENCES forum (id) ON DELETE CASCADE, 
	UNIQUE (forum_id, plugin)
);
CREATE TABLE ingested_event (
	forum_id INTEGER NOT NULL, 
	event_id VARCHAR(200) NOT NULL, 
	type VARCHAR(40) NOT NULL, 
	received_at DATETIME NOT NULL, 
	PRIMARY KEY (forum_id, event_id), 
	FOREIGN KEY(forum_id) REFERENCES forum (id) ON DELETE CASCADE
);
INSERT INTO ingested_event VALUES(1,'e1','post.created','2026-11-30 09:00:00.000000');
INSERT INTO ingested_event VALUES(1,'e2','post.created','2026-11-30 09:00:00.000000');
INSERT INTO ingested_event VALUES(1,'e3','post.created','2026-11-30 09:00:00.000000');
INSERT INTO ingested_event VALUES(1,'e4','reaction.added','2026-11-30 09:00:00.000000');
CREATE TABLE member (
	id INTEGER NOT NULL, 
	forum_id INTEGER NOT NULL, 
	"key" VARCHAR(64) NOT NULL, 
	first_seen DATETIME NOT NULL, 
	post_count INTEGER NOT NULL, 
	is_staff BOOLEAN NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(forum_id) REFERENCES forum (id) ON DELETE CASCADE, 
	UNIQUE (forum_id, "key")
);
INSERT INTO member VALUES(1,1,'4cf296922a67b9e4ed38dfe7b88f869a444f44c012d4f1ee8107c115ca4f4b9f','2026-11-30 08:00:00.000000',1,0);
INSERT INTO member VALUES(2,1,'286df2d6dd1655f0fb446828b28697048a0fd54b9220845a868b0f14dd00a5c5','2026-11-30 08:30:00.000000',1,0);
INSERT INTO member VALUES(3,1,'5b76bec9bd8db319910a528855a129607cab211ea19a5526e4e9eb7192a5fe3b','2026-11-30 08:40:00.000000',1,0);
CREATE TABLE outbox (
	id VARCHAR(40) NOT NULL, 
	forum_id INTEGER NOT NULL, 
	channel VARCHAR(100) NOT NULL, 
	kind VARCHAR(64) NOT NULL, 
	payload JSON NOT NULL, 
	dedupe_key VARCHAR(200), 
	status VARCHAR(16) NOT NULL, 
	attempts INTEGER NOT NULL, 
	next_attempt_at DATETIME NOT NULL, 
	last_error VARCHAR(500), 
	created_at DATETIME NOT NULL, 
	delivered_at DATETIME, 
	PRIMARY KEY (id), 
	FOREIGN KEY(forum_id) REFERENCES forum (id) ON DELETE CASCADE, 
	UNIQUE (forum_id, dedupe_key)
);
INSERT INTO outbox VALUES('cbc213743a7646628198b9f3fc3109d9',1,'adapter','set_post_tags','{"post_id": "p1", "thread_id": "t1", "add": ["self-harm"], "remove": []}',NULL,'pending',0,'2026-11-30 09:00:00.000000',NULL,'2026-11-30 09:00:00.000000',NULL);
INSERT INTO outbox VALUES('35e4942ae5d643bcb2d403fa58b09e65',1,'adapter','message_member','{"about_post_id": "p2", "member": "286df2d6dd1655f0fb446828b28697048a0fd54b9220845a868b0f14dd00a5c5", "text": "Someone shared what your reply changed for them:\n\n\u201cYour reply helped me get through the night\u201d\n\nThank you for being there.", "topic": "helper_impact.note", "note_id": 1, "post_id": "p2", "anonymous": true, "from_post_id": null}','helper_impact:note:1','pending',0,'2026-11-30 09:00:00.000000',NULL,'2026-11-30 09:00:00.000000',NULL);
CREATE TABLE webhook_receipt (
	forum_id INTEGER NOT NULL, 
	message_id VARCHAR(200) NOT NULL, 
	received_at DATETIME NOT NULL, 
	PRIMARY KEY (forum_id, message_id), 
	FOREIGN KEY(forum_id) REFERENCES forum (id) ON DELETE CASCADE
);
CREATE TABLE thread (
	id INTEGER NOT NULL, 
	forum_id INTEGER NOT NULL, 
	ext_id VARCHAR(200) NOT NULL, 
	category_id VARCHAR(200), 
	tags JSON NOT NULL, 
	title VARCHAR(500), 
	url VARCHAR(2000), 
	author_id INTEGER, 
	created_at DATETIME, 
	closed BOOLEAN NOT NULL, 
	announcement BOOLEAN NOT NULL, pending_post_fields JSON, 
	PRIMARY KEY (id), 
	FOREIGN KEY(author_id) REFERENCES member (id) ON DELETE SET NULL, 
	FOREIGN KEY(forum_id) REFERENCES forum (id) ON DELETE CASCADE, 
	UNIQUE (forum_id, ext_id)
);
INSERT INTO thread VALUES(1,1,'t1','c1','[]','Can''t sleep',NULL,1,'2026-11-30 08:00:00.000000',0,0,NULL);
INSERT INTO thread VALUES(2,1,'t2',NULL,'[]','Can''t sleep',NULL,3,'2026-11-30 08:40:00.000000',0,0,NULL);
CREATE TABLE post (
	id INTEGER NOT NULL, 
	forum_id INTEGER NOT NULL, 
	ext_id VARCHAR(200) NOT NULL, 
	thread_id INTEGER, 
	author_id INTEGER, 
	reply_to_ext_id VARCHAR(200), 
	is_first_in_thread BOOLEAN NOT NULL, 
	author_is_staff BOOLEAN NOT NULL, 
	url VARCHAR(2000), 
	created_at DATETIME, 
	edited_at DATETIME, 
	deleted_at DATETIME, 
	content_as_of DATETIME, 
	PRIMARY KEY (id), 
	FOREIGN KEY(author_id) REFERENCES member (id) ON DELETE SET NULL, 
	FOREIGN KEY(forum_id) REFERENCES forum (id) ON DELETE CASCADE, 
	FOREIGN KEY(thread_id) REFERENCES thread (id) ON DELETE CASCADE, 
	UNIQUE (forum_id, ext_id)
);
INSERT INTO post VALUES(1,1,'p1',1,1,NULL,1,0,NULL,'2026-11-30 08:00:00.000000',NULL,NULL,'2026-11-30 08:00:00.000000');
INSERT INTO post VALUES(2,1,'p2',1,2,'p1',0,0,NULL,'2026-11-30 08:30:00.000000',NULL,NULL,'2026-11-30 08:30:00.000000');
INSERT INTO post VALUES(3,1,'p3',2,3,NULL,1,0,NULL,'2026-11-30 08:40:00.000000',NULL,NULL,'2026-11-30 08:40:00.000000');
CREATE TABLE web_session (
	id INTEGER NOT NULL, 
	token_hash VARCHAR(64) NOT NULL, 
	api_key_id INTEGER NOT NULL, 
	csrf_token VARCHAR(64) NOT NULL, 
	created_at DATETIME NOT NULL, 
	expires_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(api_key_id) REFERENCES api_key (id) ON DELETE CASCADE
);
CREATE TABLE content_warnings_forum (
	forum_id INTEGER NOT NULL, 
	seeded_at DATETIME NOT NULL, 
	PRIMARY KEY (forum_id), 
	FOREIGN KEY(forum_id) REFERENCES forum (id) ON DELETE CASCADE
);
INSERT INTO content_warnings_forum VALUES(1,'2026-11-30 09:00:00.000000');
CREATE TABLE content_warnings_label (
	id INTEGER NOT NULL, 
	forum_id INTEGER NOT NULL, 
	"key" VARCHAR(64) NOT NULL, 
	name VARCHAR(100) NOT NULL, 
	description VARCHAR(300) NOT NULL, 
	position INTEGER NOT NULL, 
	created_at DATETIME NOT NULL, 
	retired_at DATETIME, 
	PRIMARY KEY (id), 
	FOREIGN KEY(forum_id) REFERENCES forum (id) ON DELETE CASCADE, 
	UNIQUE (forum_id, "key")
);
INSERT INTO content_warnings_label VALUES(1,1,'suicide','Suicide','Mentions suicide, wanting to die or a suicide attempt.',0,'2026-11-30 09:00:00.000000',NULL);
INSERT INTO content_warnings_label VALUES(2,1,'self-harm','Self-harm','Describes hurting yourself on purpose, such as cutting or burning.',1,'2026-11-30 09:00:00.000000',NULL);
INSERT INTO content_warnings_label VALUES(3,1,'eating-disorders','Eating disorders','Talks about restricting food, bingeing, purging, weight or calorie numbers.',2,'2026-11-30 09:00:00.000000',NULL);
INSERT INTO content_warnings_label VALUES(4,1,'abuse','Abuse','Describes emotional, physical or domestic abuse, or coercive control.',3,'2026-11-30 09:00:00.000000',NULL);
INSERT INTO content_warnings_label VALUES(5,1,'sexual-violence','Sexual violence','Mentions rape, sexual assault or sexual abuse.',4,'2026-11-30 09:00:00.000000',NULL);
INSERT INTO content_warnings_label VALUES(6,1,'substance-use','Substance use','Talks about drinking, drugs or relapse.',5,'2026-11-30 09:00:00.000000',NULL);
INSERT INTO content_warnings_label VALUES(7,1,'bereavement','Bereavement','About the death of someone close, or grief.',6,'2026-11-30 09:00:00.000000',NULL);
INSERT INTO content_warnings_label VALUES(8,1,'medical-detail','Graphic medical detail','Detailed descriptions of injuries, blood, surgery or medical procedures.',7,'2026-11-30 09:00:00.000000',NULL);
INSERT INTO content_warnings_label VALUES(9,1,'violence','Violence','Describes violence, fights, threats or weapons.',8,'2026-11-30 09:00:00.000000',NULL);
CREATE TABLE content_warnings_language_term (
	id INTEGER NOT NULL, 
	forum_id INTEGER NOT NULL, 
	phrase VARCHAR(100) NOT NULL, 
	suggestion VARCHAR(200) NOT NULL, 
	why VARCHAR(300) NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(forum_id) REFERENCES forum (id) ON DELETE CASCADE, 
	UNIQUE (forum_id, phrase)
);
INSERT INTO content_warnings_language_term VALUES(1,1,'committed suicide','died by suicide','''Committed'' comes from when suicide was a crime; ''died by suicide'' is accurate and does not blame.');
INSERT INTO content_warnings_language_term VALUES(2,1,'commit suicide','die by suicide','''Commit'' comes from when suicide was a crime; ''die by suicide'' does not blame.');
INSERT INTO content_warnings_language_term VALUES(3,1,'successful suicide','died by suicide','Death is not a success; say what happened plainly.');
INSERT INTO content_warnings_language_term VALUES(4,1,'failed suicide attempt','survived a suicide attempt','Surviving is not a failure.');
INSERT INTO content_warnings_language_term VALUES(5,1,'a schizo','a person with schizophrenia','A slur reduces someone to a diagnosis; name the person first.');
INSERT INTO content_warnings_language_term VALUES(6,1,'a psycho','a person who is unwell','''Psycho'' is a slur that links mental illness with danger.');
INSERT INTO content_warnings_language_term VALUES(7,1,'an addict','a person with an addiction','Person-first words separate someone from their illness.');
INSERT INTO content_warnings_language_term VALUES(8,1,'a junkie','a person who uses drugs','''Junkie'' is a slur; it makes recovery sound impossible.');
INSERT INTO content_warnings_language_term VALUES(9,1,'the mentally ill','people with mental illness','People are more than a group defined by illness.');
INSERT INTO content_warnings_language_term VALUES(10,1,'suffers from','lives with','Many people prefer words that do not assume suffering.');
CREATE TABLE content_warnings_lexicon_term (
	id INTEGER NOT NULL, 
	forum_id INTEGER NOT NULL, 
	label_id INTEGER NOT NULL, 
	phrase VARCHAR(100) NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(forum_id) REFERENCES forum (id) ON DELETE CASCADE, 
	FOREIGN KEY(label_id) REFERENCES content_warnings_label (id) ON DELETE CASCADE, 
	UNIQUE (label_id, phrase)
);
INSERT INTO content_warnings_lexicon_term VALUES(1,1,1,'suicide');
INSERT INTO content_warnings_lexicon_term VALUES(2,1,1,'suicidal');
INSERT INTO content_warnings_lexicon_term VALUES(3,1,1,'kill myself');
INSERT INTO content_warnings_lexicon_term VALUES(4,1,1,'end my life');
INSERT INTO content_warnings_lexicon_term VALUES(5,1,1,'end it all');
INSERT INTO content_warnings_lexicon_term VALUES(6,1,1,'take my own life');
INSERT INTO content_warnings_lexicon_term VALUES(7,1,1,'want to die');
INSERT INTO content_warnings_lexicon_term VALUES(8,1,1,'wanted to die');
INSERT INTO content_warnings_lexicon_term VALUES(9,1,1,'better off dead');
INSERT INTO content_warnings_lexicon_term VALUES(10,1,1,'overdose');
INSERT INTO content_warnings_lexicon_term VALUES(11,1,1,'suicide attempt');
INSERT INTO content_warnings_lexicon_term VALUES(12,1,1,'hang myself');
INSERT INTO content_warnings_lexicon_term VALUES(13,1,2,'self-harm');
INSERT INTO content_warnings_lexicon_term VALUES(14,1,2,'self harm');
INSERT INTO content_warnings_lexicon_term VALUES(15,1,2,'selfharm');
INSERT INTO content_warnings_lexicon_term VALUES(16,1,2,'self-injury');
INSERT INTO content_warnings_lexicon_term VALUES(17,1,2,'cut myself');
INSERT INTO content_warnings_lexicon_term VALUES(18,1,2,'burn myself');
INSERT INTO content_warnings_lexicon_term VALUES(19,1,2,'hurt myself');
INSERT INTO content_warnings_lexicon_term VALUES(20,1,2,'scars');
INSERT INTO content_warnings_lexicon_term VALUES(21,1,3,'anorexia');
INSERT INTO content_warnings_lexicon_term VALUES(22,1,3,'anorexic');
INSERT INTO content_warnings_lexicon_term VALUES(23,1,3,'bulimia');
INSERT INTO content_warnings_lexicon_term VALUES(24,1,3,'bulimic');
INSERT INTO content_warnings_lexicon_term VALUES(25,1,3,'binge');
INSERT INTO content_warnings_lexicon_term VALUES(26,1,3,'purge');
INSERT INTO content_warnings_lexicon_term VALUES(27,1,3,'starve myself');
INSERT INTO content_warnings_lexicon_term VALUES(28,1,3,'calories');
INSERT INTO content_warnings_lexicon_term VALUES(29,1,3,'eating disorder');
INSERT INTO content_warnings_lexicon_term VALUES(30,1,3,'make myself sick');
INSERT INTO content_warnings_lexicon_term VALUES(31,1,3,'laxatives');
INSERT INTO content_warnings_lexicon_term VALUES(32,1,3,'restrict');
INSERT INTO content_warnings_lexicon_term VALUES(33,1,4,'abuse');
INSERT INTO content_warnings_lexicon_term VALUES(34,1,4,'abusive');
INSERT INTO content_warnings_lexicon_term VALUES(35,1,4,'abuser');
INSERT INTO content_warnings_lexicon_term VALUES(36,1,4,'domestic violence');
INSERT INTO content_warnings_lexicon_term VALUES(37,1,4,'coercive control');
INSERT INTO content_warnings_lexicon_term VALUES(38,1,4,'beat me');
INSERT INTO content_warnings_lexicon_term VALUES(39,1,4,'hit me');
INSERT INTO content_warnings_lexicon_term VALUES(40,1,4,'gaslight');
INSERT INTO content_warnings_lexicon_term VALUES(41,1,4,'neglect');
INSERT INTO content_warnings_lexicon_term VALUES(42,1,5,'rape');
INSERT INTO content_warnings_lexicon_term VALUES(43,1,5,'raped');
INSERT INTO content_warnings_lexicon_term VALUES(44,1,5,'sexual assault');
INSERT INTO content_warnings_lexicon_term VALUES(45,1,5,'sexually assaulted');
INSERT INTO content_warnings_lexicon_term VALUES(46,1,5,'sexual abuse');
INSERT INTO content_warnings_lexicon_term VALUES(47,1,5,'molest');
INSERT INTO content_warnings_lexicon_term VALUES(48,1,5,'groped');
INSERT INTO content_warnings_lexicon_term VALUES(49,1,5,'grooming');
INSERT INTO content_warnings_lexicon_term VALUES(50,1,6,'drunk');
INSERT INTO content_warnings_lexicon_term VALUES(51,1,6,'alcohol');
INSERT INTO content_warnings_lexicon_term VALUES(52,1,6,'drinking again');
INSERT INTO content_warnings_lexicon_term VALUES(53,1,6,'heroin');
INSERT INTO content_warnings_lexicon_term VALUES(54,1,6,'cocaine');
INSERT INTO content_warnings_lexicon_term VALUES(55,1,6,'drugs');
INSERT INTO content_warnings_lexicon_term VALUES(56,1,6,'relapse');
INSERT INTO content_warnings_lexicon_term VALUES(57,1,6,'high again');
INSERT INTO content_warnings_lexicon_term VALUES(58,1,6,'withdrawal');
INSERT INTO content_warnings_lexicon_term VALUES(59,1,6,'pills');
INSERT INTO content_warnings_lexicon_term VALUES(60,1,7,'passed away');
INSERT INTO content_warnings_lexicon_term VALUES(61,1,7,'died');
INSERT INTO content_warnings_lexicon_term VALUES(62,1,7,'funeral');
INSERT INTO content_warnings_lexicon_term VALUES(63,1,7,'grief');
INSERT INTO content_warnings_lexicon_term VALUES(64,1,7,'grieving');
INSERT INTO content_warnings_lexicon_term VALUES(65,1,7,'bereavement');
INSERT INTO content_warnings_lexicon_term VALUES(66,1,7,'lost my mum');
INSERT INTO content_warnings_lexicon_term VALUES(67,1,7,'lost my dad');
INSERT INTO content_warnings_lexicon_term VALUES(68,1,7,'lost my son');
INSERT INTO content_warnings_lexicon_term VALUES(69,1,7,'lost my daughter');
INSERT INTO content_warnings_lexicon_term VALUES(70,1,7,'miscarriage');
INSERT INTO content_warnings_lexicon_term VALUES(71,1,8,'blood');
INSERT INTO content_warnings_lexicon_term VALUES(72,1,8,'bleed');
INSERT INTO content_warnings_lexicon_term VALUES(73,1,8,'stitches');
INSERT INTO content_warnings_lexicon_term VALUES(74,1,8,'wound');
INSERT INTO content_warnings_lexicon_term VALUES(75,1,8,'surgery');
INSERT INTO content_warnings_lexicon_term VALUES(76,1,8,'vomit');
INSERT INTO content_warnings_lexicon_term VALUES(77,1,8,'a&e');
INSERT INTO content_warnings_lexicon_term VALUES(78,1,8,'stomach pumped');
INSERT INTO content_warnings_lexicon_term VALUES(79,1,9,'violence');
INSERT INTO content_warnings_lexicon_term VALUES(80,1,9,'violent');
INSERT INTO content_warnings_lexicon_term VALUES(81,1,9,'stab');
INSERT INTO content_warnings_lexicon_term VALUES(82,1,9,'knife');
INSERT INTO content_warnings_lexicon_term VALUES(83,1,9,'gun');
INSERT INTO content_warnings_lexicon_term VALUES(84,1,9,'attack');
INSERT INTO content_warnings_lexicon_term VALUES(85,1,9,'assault');
INSERT INTO content_warnings_lexicon_term VALUES(86,1,9,'kill');
INSERT INTO content_warnings_lexicon_term VALUES(87,1,9,'murder');
INSERT INTO content_warnings_lexicon_term VALUES(88,1,9,'punch');
CREATE TABLE content_warnings_preference (
	id INTEGER NOT NULL, 
	forum_id INTEGER NOT NULL, 
	member_id INTEGER NOT NULL, 
	label_id INTEGER NOT NULL, 
	display VARCHAR(8) NOT NULL, 
	updated_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(forum_id) REFERENCES forum (id) ON DELETE CASCADE, 
	FOREIGN KEY(label_id) REFERENCES content_warnings_label (id) ON DELETE CASCADE, 
	FOREIGN KEY(member_id) REFERENCES member (id) ON DELETE CASCADE, 
	UNIQUE (member_id, label_id)
);
INSERT INTO content_warnings_preference VALUES(1,1,2,2,'blur','2026-11-30 09:00:00.000000');
CREATE TABLE content_warnings_history (
	id INTEGER NOT NULL, 
	forum_id INTEGER NOT NULL, 
	post_id INTEGER NOT NULL, 
	label_key VARCHAR(64) NOT NULL, 
	change VARCHAR(16) NOT NULL, 
	source VARCHAR(16) NOT NULL, 
	actor VARCHAR(64) NOT NULL, 
	actor_member_id INTEGER, 
	reason VARCHAR(500), 
	matched JSON NOT NULL, 
	at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(actor_member_id) REFERENCES member (id) ON DELETE SET NULL, 
	FOREIGN KEY(forum_id) REFERENCES forum (id) ON DELETE CASCADE, 
	FOREIGN KEY(post_id) REFERENCES post (id) ON DELETE CASCADE
);
INSERT INTO content_warnings_history VALUES(1,1,1,'self-harm','added','author','member:1',1,NULL,'[]','2026-11-30 09:00:00.000000');
CREATE TABLE content_warnings_post_label (
	id INTEGER NOT NULL, 
	forum_id INTEGER NOT NULL, 
	post_id INTEGER NOT NULL, 
	label_id INTEGER NOT NULL, 
	state VARCHAR(16) NOT NULL, 
	source VARCHAR(16) NOT NULL, 
	actor VARCHAR(64) NOT NULL, 
	reason VARCHAR(500), 
	matched JSON NOT NULL, 
	updated_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(forum_id) REFERENCES forum (id) ON DELETE CASCADE, 
	FOREIGN KEY(label_id) REFERENCES content_warnings_label (id) ON DELETE CASCADE, 
	FOREIGN KEY(post_id) REFERENCES post (id) ON DELETE CASCADE, 
	UNIQUE (post_id, label_id)
);
INSERT INTO content_warnings_post_label VALUES(1,1,1,2,'applied','author','member:1',NULL,'[]','2026-11-30 09:00:00.000000');
CREATE TABLE response_modes_change (
	id INTEGER NOT NULL, 
	forum_id INTEGER NOT NULL, 
	thread_id INTEGER NOT NULL, 
	from_mode VARCHAR(32), 
	to_mode VARCHAR(32) NOT NULL, 
	allow_reactions BOOLEAN NOT NULL, 
	opens_at DATETIME, 
	"by" VARCHAR(32) NOT NULL, 
	actor_member_id INTEGER, 
	at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(actor_member_id) REFERENCES member (id) ON DELETE SET NULL, 
	FOREIGN KEY(forum_id) REFERENCES forum (id) ON DELETE CASCADE, 
	FOREIGN KEY(thread_id) REFERENCES thread (id) ON DELETE CASCADE
);
INSERT INTO response_modes_change VALUES(1,1,1,NULL,'open',0,NULL,'forum',1,'2026-11-30 08:00:00.000000');
INSERT INTO response_modes_change VALUES(2,1,2,NULL,'diary',0,NULL,'post',3,'2026-11-30 08:40:00.000000');
CREATE TABLE response_modes_thread (
	id INTEGER NOT NULL, 
	forum_id INTEGER NOT NULL, 
	thread_id INTEGER NOT NULL, 
	mode VARCHAR(32) NOT NULL, 
	allow_reactions BOOLEAN NOT NULL, 
	opens_at DATETIME, 
	changed_at DATETIME NOT NULL, 
	source VARCHAR(32) NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(forum_id) REFERENCES forum (id) ON DELETE CASCADE, 
	FOREIGN KEY(thread_id) REFERENCES thread (id) ON DELETE CASCADE, 
	UNIQUE (thread_id)
);
INSERT INTO response_modes_thread VALUES(1,1,1,'open',0,NULL,'2026-11-30 08:00:00.000000','forum');
INSERT INTO response_modes_thread VALUES(2,1,2,'diary',0,NULL,'2026-11-30 08:40:00.000000','post');
CREATE TABLE response_modes_post (
	id INTEGER NOT NULL, 
	forum_id INTEGER NOT NULL, 
	post_id INTEGER NOT NULL, 
	mode VARCHAR(32) NOT NULL, 
	allow_reactions BOOLEAN NOT NULL, 
	opens_at DATETIME, 
	changed_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(forum_id) REFERENCES forum (id) ON DELETE CASCADE, 
	FOREIGN KEY(post_id) REFERENCES post (id) ON DELETE CASCADE, 
	UNIQUE (post_id)
);
CREATE TABLE unanswered_watch (
	id INTEGER NOT NULL, 
	forum_id INTEGER NOT NULL, 
	post_id INTEGER NOT NULL, 
	thread_id INTEGER NOT NULL, 
	category_id VARCHAR(200), 
	posted_at DATETIME NOT NULL, 
	new_member BOOLEAN NOT NULL, 
	state VARCHAR(16) NOT NULL, 
	next_tier INTEGER NOT NULL, 
	due_at DATETIME, 
	answered_at DATETIME, 
	answered_by_staff BOOLEAN NOT NULL, 
	alerted_before_answer BOOLEAN NOT NULL, 
	excerpt VARCHAR(280), 
	PRIMARY KEY (id), 
	FOREIGN KEY(forum_id) REFERENCES forum (id) ON DELETE CASCADE, 
	FOREIGN KEY(post_id) REFERENCES post (id) ON DELETE CASCADE, 
	FOREIGN KEY(thread_id) REFERENCES thread (id) ON DELETE CASCADE, 
	UNIQUE (post_id)
);
INSERT INTO unanswered_watch VALUES(1,1,1,1,'c1','2026-11-30 08:00:00.000000',1,'answered',1,NULL,'2026-11-30 08:30:00.000000',0,0,NULL);
CREATE TABLE unanswered_alert (
	id INTEGER NOT NULL, 
	forum_id INTEGER NOT NULL, 
	watch_id INTEGER NOT NULL, 
	post_id INTEGER NOT NULL, 
	thread_id INTEGER NOT NULL, 
	category_id VARCHAR(200), 
	tier INTEGER NOT NULL, 
	new_member BOOLEAN NOT NULL, 
	due_at DATETIME NOT NULL, 
	fired_at DATETIME NOT NULL, 
	late BOOLEAN NOT NULL, 
	out_of_hours BOOLEAN NOT NULL, 
	channels JSON NOT NULL, 
	state VARCHAR(16) NOT NULL, 
	claimed_by VARCHAR(64), 
	snoozed_until DATETIME, 
	resolved_at DATETIME, 
	resolution VARCHAR(16), 
	note VARCHAR(1000), 
	PRIMARY KEY (id), 
	FOREIGN KEY(forum_id) REFERENCES forum (id) ON DELETE CASCADE, 
	FOREIGN KEY(post_id) REFERENCES post (id) ON DELETE CASCADE, 
	FOREIGN KEY(thread_id) REFERENCES thread (id) ON DELETE CASCADE, 
	FOREIGN KEY(watch_id) REFERENCES unanswered_watch (id) ON DELETE CASCADE, 
	UNIQUE (post_id, tier)
);
CREATE TABLE unanswered_alert_step (
	id INTEGER NOT NULL, 
	alert_id INTEGER NOT NULL, 
	at DATETIME NOT NULL, 
	actor VARCHAR(64) NOT NULL, 
	action VARCHAR(16) NOT NULL, 
	note VARCHAR(1000), 
	PRIMARY KEY (id), 
	FOREIGN KEY(alert_id) REFERENCES unanswered_alert (id) ON DELETE CASCADE
);
CREATE TABLE gratitude_reaction (
	id INTEGER NOT NULL, 
	forum_id INTEGER NOT NULL, 
	post_id INTEGER NOT NULL, 
	member_id INTEGER NOT NULL, 
	kind VARCHAR(40) NOT NULL, 
	source VARCHAR(16) NOT NULL, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(forum_id) REFERENCES forum (id) ON DELETE CASCADE, 
	FOREIGN KEY(member_id) REFERENCES member (id) ON DELETE CASCADE, 
	FOREIGN KEY(post_id) REFERENCES post (id) ON DELETE CASCADE, 
	UNIQUE (post_id, member_id, kind)
);
INSERT INTO gratitude_reaction VALUES(1,1,2,1,'thank_you','platform','2026-11-30 08:50:00.000000');
CREATE TABLE helper_impact_digest_run (
	id INTEGER NOT NULL, 
	forum_id INTEGER NOT NULL, 
	week VARCHAR(10) NOT NULL, 
	helpers INTEGER NOT NULL, 
	ran_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(forum_id) REFERENCES forum (id) ON DELETE CASCADE, 
	UNIQUE (forum_id, week)
);
CREATE TABLE helper_impact_care_notice (
	id INTEGER NOT NULL, 
	forum_id INTEGER NOT NULL, 
	member_id INTEGER NOT NULL, 
	window_key INTEGER NOT NULL, 
	threads INTEGER NOT NULL, 
	sent_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(forum_id) REFERENCES forum (id) ON DELETE CASCADE, 
	FOREIGN KEY(member_id) REFERENCES member (id) ON DELETE CASCADE, 
	UNIQUE (member_id, window_key)
);
CREATE TABLE helper_impact_feedback (
	id INTEGER NOT NULL, 
	forum_id INTEGER NOT NULL, 
	member_id INTEGER NOT NULL, 
	text VARCHAR(2000) NOT NULL, 
	created_at DATETIME NOT NULL, 
	answer VARCHAR(2000), 
	answered_at DATETIME, 
	answered_by VARCHAR(64), 
	PRIMARY KEY (id), 
	FOREIGN KEY(forum_id) REFERENCES forum (id) ON DELETE CASCADE, 
	FOREIGN KEY(member_id) REFERENCES member (id) ON DELETE CASCADE
);
CREATE TABLE helper_impact_preference (
	id INTEGER NOT NULL, 
	forum_id INTEGER NOT NULL, 
	member_id INTEGER NOT NULL, 
	digest BOOLEAN NOT NULL, 
	note_messages BOOLEAN NOT NULL, 
	updated_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(forum_id) REFERENCES forum (id) ON DELETE CASCADE, 
	FOREIGN KEY(member_id) REFERENCES member (id) ON DELETE CASCADE, 
	UNIQUE (member_id)
);
CREATE TABLE helper_impact_note (
	id INTEGER NOT NULL, 
	forum_id INTEGER NOT NULL, 
	post_id INTEGER NOT NULL, 
	helper_id INTEGER NOT NULL, 
	author_id INTEGER NOT NULL, 
	text VARCHAR(500) NOT NULL, 
	anonymous BOOLEAN NOT NULL, 
	public BOOLEAN NOT NULL, 
	labels JSON NOT NULL, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(forum_id) REFERENCES forum (id) ON DELETE CASCADE, 
	FOREIGN KEY(author_id) REFERENCES member (id) ON DELETE CASCADE, 
	FOREIGN KEY(helper_id) REFERENCES member (id) ON DELETE CASCADE, 
	FOREIGN KEY(post_id) REFERENCES post (id) ON DELETE CASCADE, 
	UNIQUE (post_id, author_id)
);
INSERT INTO helper_impact_note VALUES(1,1,2,2,1,'Your reply helped me get through the night',1,0,'[]','2026-11-30 09:00:00.000000');
CREATE UNIQUE INDEX ix_forum_slug ON forum (slug);
CREATE INDEX ix_api_key_forum_id ON api_key (forum_id);
CREATE UNIQUE INDEX ix_api_key_key_hash ON api_key (key_hash);
CREATE INDEX ix_audit_entry_at ON audit_entry (at);
CREATE INDEX ix_audit_entry_forum_id ON audit_entry (forum_id);
CREATE INDEX ix_forum_plugin_forum_id ON forum_plugin (forum_id);
CREATE INDEX ix_ingested_event_received_at ON ingested_event (received_at);
CREATE INDEX ix_outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX ix_outbox_forum_id ON outbox (forum_id);
CREATE INDEX ix_webhook_receipt_received_at ON webhook_receipt (received_at);
CREATE INDEX ix_post_author ON post (author_id);
CREATE INDEX ix_post_thread ON post (thread_id);
CREATE INDEX ix_web_session_api_key_id ON web_session (api_key_id);
CREATE UNIQUE INDEX ix_web_session_token_hash ON web_session (token_hash);
CREATE INDEX ix_content_warnings_lexicon_term_forum_id ON content_warnings_lexicon_term (forum_id);
CREATE INDEX ix_content_warnings_history_actor_member_id ON content_warnings_history (actor_member_id);
CREATE INDEX ix_content_warnings_history_post ON content_warnings_history (post_id);
CREATE INDEX ix_content_warnings_post_label_pending ON content_warnings_post_label (forum_id, state);
CREATE INDEX ix_response_modes_change_thread ON response_modes_change (thread_id, id);
CREATE INDEX ix_response_modes_thread_held ON response_modes_thread (mode, opens_at);
CREATE INDEX ix_unanswered_watch_due ON unanswered_watch (due_at);
CREATE INDEX ix_unanswered_watch_forum_posted ON unanswered_watch (forum_id, posted_at);
CREATE INDEX ix_unanswered_watch_thread ON unanswered_watch (thread_id);
CREATE INDEX ix_unanswered_alert_queue ON unanswered_alert (forum_id, state, due_at);
CREATE INDEX ix_unanswered_alert_thread ON unanswered_alert (thread_id);
CREATE INDEX ix_unanswered_alert_step_alert_id ON unanswered_alert_step (alert_id);
CREATE INDEX ix_gratitude_reaction_forum_created ON gratitude_reaction (forum_id, created_at);
CREATE INDEX ix_gratitude_reaction_member ON gratitude_reaction (member_id);
CREATE INDEX ix_helper_impact_care_notice_forum_sent ON helper_impact_care_notice (forum_id, sent_at);
CREATE INDEX ix_helper_impact_feedback_forum_created ON helper_impact_feedback (forum_id, created_at);
CREATE INDEX ix_helper_impact_feedback_member_id ON helper_impact_feedback (member_id);
CREATE INDEX ix_helper_impact_note_author ON helper_impact_note (author_id);
CREATE INDEX ix_helper_impact_note_helper ON helper_impact_note (helper_id, created_at);
COMMIT;
