#include "domain/check_in.hpp"

#include <gtest/gtest.h>

namespace boxoffice {
namespace {

const TimePoint kFirst = from_unix(1'812'000'000);

DoorTicket ticket_of(std::string event_id) {
  DoorTicket t;
  t.event_id = std::move(event_id);
  t.event_status = EventStatus::on_sale;
  t.ticket.id = "tkt_1";
  t.ticket.seat_id = "a/A/1";
  t.ticket.code = "tkt_1.sig";
  return t;
}

TEST(ScannedCode, TakesTheTicketIdBeforeTheDot) {
  auto c = parse_scanned_code("tkt_abc.c2lnbmF0dXJl");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->ticket_id, "tkt_abc");
  EXPECT_EQ(c->text, "tkt_abc.c2lnbmF0dXJl");
}

TEST(ScannedCode, DropsTheWhitespaceOfAScannerOrAPaste) {
  auto c = parse_scanned_code("  \ttkt_abc.sig-_x\r\n");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->text, "tkt_abc.sig-_x");
  EXPECT_EQ(c->ticket_id, "tkt_abc");
}

TEST(ScannedCode, RefusesWhatCannotBeACode) {
  for (std::string_view bad : std::initializer_list<std::string_view>{
           "", "   ", "no-dot-here", ".sig", "tkt_abc.", "tkt abc.sig", "tkt_abc.si g",
           "tkt_abc.sig\nmore", std::string_view("tkt\0x.sig", 9), "tkt_\xc3\xa9.sig"})
    EXPECT_FALSE(parse_scanned_code(bad)) << bad;
  EXPECT_FALSE(parse_scanned_code("t." + std::string(kMaxScannedCode, 'x')));
  EXPECT_TRUE(parse_scanned_code("t." + std::string(kMaxScannedCode - 2, 'x')));
}

TEST(CheckInDecision, AGenuineValidTicketOfThisEventIsAdmitted) {
  auto t = ticket_of("evt_1");
  EXPECT_EQ(decide_check_in("evt_1", &t, true).verdict, CheckInVerdict::admit);
  t.event_status = EventStatus::closed;  // sales closed: the show goes on
  EXPECT_EQ(decide_check_in("evt_1", &t, true).verdict, CheckInVerdict::admit);
  t.event_status = EventStatus::paused;
  EXPECT_EQ(decide_check_in("evt_1", &t, true).verdict, CheckInVerdict::admit);
}

TEST(CheckInDecision, ASecondScanIsRefusedWithTheFirstTime) {
  auto t = ticket_of("evt_1");
  t.ticket.checked_in_at = kFirst;
  auto d = decide_check_in("evt_1", &t, true);
  EXPECT_EQ(d.verdict, CheckInVerdict::already_checked_in);
  EXPECT_EQ(d.checked_in_at, kFirst);
  auto e = check_in_refusal(d);
  EXPECT_EQ(e.kind, ErrorKind::conflict);
  EXPECT_EQ(e.code, "already_checked_in");
  EXPECT_EQ(e.fields.at("checked_in_at"), format_rfc3339(kFirst));
}

TEST(CheckInDecision, VoidTicketsAreRefusedWithTheirReason) {
  for (auto why : {TicketVoid::refunded, TicketVoid::cancelled, TicketVoid::transferred}) {
    auto t = ticket_of("evt_1");
    t.ticket.void_reason = why;
    t.ticket.checked_in_at = kFirst;  // void wins over an earlier admission
    auto d = decide_check_in("evt_1", &t, true);
    EXPECT_EQ(d.verdict, CheckInVerdict::ticket_void);
    EXPECT_EQ(d.void_reason, why);
    auto e = check_in_refusal(d);
    EXPECT_EQ(e.kind, ErrorKind::conflict);
    EXPECT_EQ(e.code, "ticket_void");
    EXPECT_EQ(e.fields.at("void_reason"), to_string(why));
  }
}

TEST(CheckInDecision, ATicketOfACancelledEventIsVoidBeforeItsOrderIsSettled) {
  auto t = ticket_of("evt_1");
  t.event_status = EventStatus::cancelled;
  auto d = decide_check_in("evt_1", &t, true);
  EXPECT_EQ(d.verdict, CheckInVerdict::ticket_void);
  EXPECT_EQ(d.void_reason, TicketVoid::cancelled);
}

TEST(CheckInDecision, AGenuineTicketOfAnotherEventIsTheWrongEvent) {
  auto t = ticket_of("evt_2");
  t.ticket.void_reason = TicketVoid::refunded;  // whatever its state: it is not for this door
  auto d = decide_check_in("evt_1", &t, true);
  EXPECT_EQ(d.verdict, CheckInVerdict::wrong_event);
  auto e = check_in_refusal(d);
  EXPECT_EQ(e.kind, ErrorKind::invalid);
  EXPECT_EQ(e.code, "wrong_event");
  EXPECT_TRUE(e.fields.contains("code"));
}

TEST(CheckInDecision, ForgedOrUnknownCodesAreInvalidAlike) {
  auto t = ticket_of("evt_1");
  auto forged = decide_check_in("evt_1", &t, false);
  EXPECT_EQ(forged.verdict, CheckInVerdict::invalid_code);
  auto other_forged = ticket_of("evt_2");
  EXPECT_EQ(decide_check_in("evt_1", &other_forged, false).verdict, CheckInVerdict::invalid_code);
  auto unknown = decide_check_in("evt_1", nullptr, false);
  EXPECT_EQ(unknown.verdict, CheckInVerdict::invalid_code);
  auto a = check_in_refusal(forged), b = check_in_refusal(unknown);
  EXPECT_EQ(a.kind, ErrorKind::invalid);
  EXPECT_EQ(a.code, "invalid_code");
  EXPECT_EQ(a.message, b.message);  // nothing tells an unknown ticket from a forged one
  EXPECT_EQ(a.fields, b.fields);
}

}  // namespace
}  // namespace boxoffice
