package io.onramp.sandbox.eloqua;

import io.onramp.sandbox.Answer;
import java.util.Map;

/** A part of Eloqua's API: its answer to a call, or null when the call is not one of its paths. */
interface EloquaRoute {

  Answer answer(String method, String path, Map<String, String> query, String body) throws Exception;
}
