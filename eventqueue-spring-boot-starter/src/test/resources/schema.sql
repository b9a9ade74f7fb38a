create table if not exists orders (id varchar(64) primary key);
