package io.onramp.engine.usage;

/** What a product-usage event reports; {@code value} is a reading (ACTIVE_USERS) or a count (the others, 1 when omitted). */
public enum UsageKind {
  ACTIVE_USERS, LOGIN, USER_INVITED, KEY_FEATURE_USED, ACTIVATED, EMAIL_OPENED, EMAIL_CLICKED
}
