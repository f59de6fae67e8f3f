package io.mdpop3j.maildir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** tmp/ is cleaned at most once an hour per Maildir, remembering only recent Maildirs. */
class TmpCleanupScheduleTest {

  static final Duration HOUR = Duration.ofHours(1);

  final AtomicLong now = new AtomicLong(1_000_000_000L);
  final TmpCleanupSchedule schedule = new TmpCleanupSchedule(HOUR, now::get);

  @Test
  void aMaildirIsDueOnceAnHour() {
    Path m = Path.of("/home/alice/Maildir");
    assertTrue(schedule.due(m));
    assertFalse(schedule.due(m));
    now.addAndGet(HOUR.toNanos() - 1);
    assertFalse(schedule.due(m));
    now.addAndGet(1);
    assertTrue(schedule.due(m));
  }

  @Test
  void whatItRemembersIsBoundedByRecentMaildirsNotByAllEverOpened() {
    for (int user = 0; user < 2_000; user++) {
      schedule.due(Path.of("/home/user" + user + "/Maildir"));
      now.addAndGet(Duration.ofSeconds(5).toNanos()); // 2,000 logins over 2 h 47 min
    }
    // Everything cleaned more than an hour ago is forgotten: at most two hours' worth stay.
    assertTrue(schedule.size() <= 2 * 720 + 1, "remembers " + schedule.size());
    now.addAndGet(2 * HOUR.toNanos());
    schedule.due(Path.of("/home/late/Maildir"));
    assertEquals(1, schedule.size());
  }
}
